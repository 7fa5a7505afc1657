package cn.onecity.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.onecity.shared.OneCityProperties;

/** SM4-GCM field encryption of personal data, and masking for display. */
class PersonalDataTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    private static PersonalData withKey(String key, Path dir) {
        return new PersonalData(new OneCityProperties(dir, new OneCityProperties.Demo(false)), key);
    }

    @Test
    void decryptReturnsWhatWasEncrypted(@TempDir Path dir) {
        PersonalData data = withKey(KEY, dir);
        for (String plain : new String[] {"13912345678", "430302199001011234", "张三", ""}) {
            String stored = data.encrypt(plain);
            assertThat(stored).startsWith("v1:").doesNotContain(plain.isEmpty() ? "\u0000" : plain);
            assertThat(data.decrypt(stored)).isEqualTo(plain);
        }
    }

    @Test
    void nullStaysNull(@TempDir Path dir) {
        PersonalData data = withKey(KEY, dir);
        assertThat(data.encrypt(null)).isNull();
        assertThat(data.decrypt(null)).isNull();
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime(@TempDir Path dir) {
        PersonalData data = withKey(KEY, dir);
        String a = data.encrypt("13912345678");
        String b = data.encrypt("13912345678");
        assertThat(a).isNotEqualTo(b);
        assertThat(data.decrypt(a)).isEqualTo(data.decrypt(b));
    }

    @Test
    void tamperedCiphertextIsRejected(@TempDir Path dir) {
        PersonalData data = withKey(KEY, dir);
        byte[] raw = Base64.getDecoder().decode(data.encrypt("13912345678").substring(3));
        raw[raw.length - 20] ^= 0x01;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> data.decrypt(tampered)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("integrity");
    }

    @Test
    void ciphertextFromAnotherKeyIsRejected(@TempDir Path dir) {
        String stored = withKey(KEY, dir).encrypt("13912345678");
        PersonalData other = withKey("fedcba9876543210fedcba9876543210", dir);
        assertThatThrownBy(() -> other.decrypt(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnknownFormatIsRejected(@TempDir Path dir) {
        assertThatThrownBy(() -> withKey(KEY, dir).decrypt("13912345678")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceIntoTheDataDirectory(@TempDir Path dir) {
        String stored = withKey("", dir).encrypt("13912345678");
        assertThat(dir.resolve("keys/sm4.key")).exists();
        assertThat(withKey("", dir).decrypt(stored)).isEqualTo("13912345678");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> withKey("0123456789abcdef", dir)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void phonesAreMaskedInTheMiddle() {
        assertThat(PersonalData.maskPhone("13912345678")).isEqualTo("139****5678");
        assertThat(PersonalData.maskPhone(null)).isNull();
        assertThat(PersonalData.maskPhone("12345")).isEqualTo("****");
    }

    @Test
    void idNumbersKeepTheRegionAndTheLastFourDigits() {
        assertThat(PersonalData.maskIdNumber("430302199001011234")).isEqualTo("430302********1234");
        assertThat(PersonalData.maskIdNumber("43030219900101123X")).isEqualTo("430302********123X");
        assertThat(PersonalData.maskIdNumber("1234")).isEqualTo("********");
        assertThat(PersonalData.maskIdNumber(null)).isNull();
    }

    @Test
    void namesKeepOnlyTheFirstCharacter() {
        assertThat(PersonalData.maskName("张三")).isEqualTo("张*");
        assertThat(PersonalData.maskName("欧阳修文")).isEqualTo("欧***");
        assertThat(PersonalData.maskName("李")).isEqualTo("李*");
        assertThat(PersonalData.maskName("")).isEmpty();
    }
}
