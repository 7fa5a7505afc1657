package cn.onecity.healthcard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CardIdsTest {

    static final byte[] SECRET = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    static final String ID = "43030219900101123X";

    @Test
    void sameIdNumberGivesTheSame64HexId() {
        String id = CardIds.of(ID, SECRET);
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(CardIds.of(ID, SECRET)).isEqualTo(id);
        assertThat(id).doesNotContain("430302");
    }

    @Test
    void differentSecretGivesADifferentId() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        assertThat(CardIds.of(ID, other)).isNotEqualTo(CardIds.of(ID, SECRET));
    }

    @Test
    void differentIdNumbersGiveDifferentIds() {
        assertThat(CardIds.of("430302199001011235", SECRET)).isNotEqualTo(CardIds.of(ID, SECRET));
    }

    @Test
    void lowerCaseXAndSpacesAreNormalised() {
        assertThat(CardIds.of(" 43030219900101123x ", SECRET)).isEqualTo(CardIds.of(ID, SECRET));
    }

    @Test
    void secretIsGeneratedOnceAndReused(@TempDir Path dir) throws Exception {
        String first = new CardIds(dir).idOf(ID);
        assertThat(Files.readString(dir.resolve(CardIds.SECRET_FILE)).trim()).matches("[0-9a-f]{64}");
        assertThat(new CardIds(dir).idOf(ID)).isEqualTo(first);
        assertThat(new CardIds(dir.resolve("elsewhere")).idOf(ID)).isNotEqualTo(first);
    }
}
