package cn.onecity.healthcard.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class QrCodesTest {

    static final String PAYLOAD = "EHC1:AQ5laGMtMjAyNjEyMDFUMTIwMDAwLWFiY2Q" + "x".repeat(200) + ".MEUCIQ";

    @Test
    void aRenderedCodeDecodesBackToItsPayload() {
        byte[] png = QrCodes.png(PAYLOAD, 320);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(QrCodes.decode(png)).contains(PAYLOAD);
    }

    @Test
    void imagesWithoutACodeOrNotImagesAtAllDecodeToNothing() throws Exception {
        assertThat(QrCodes.decode(new byte[0])).isEmpty();
        assertThat(QrCodes.decode("%PDF-1.4 not an image".getBytes())).isEmpty();
        Path blank = Files.createTempFile("blank", ".png");
        java.awt.image.BufferedImage white = new java.awt.image.BufferedImage(100, 100, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(white, "png", blank.toFile());
        assertThat(QrCodes.decode(Files.readAllBytes(blank))).isEmpty();
        assertThat(QrCodes.decode(new byte[QrCodes.MAX_IMAGE_BYTES + 1])).isEmpty();
    }
}
