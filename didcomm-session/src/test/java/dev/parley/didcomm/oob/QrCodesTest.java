package dev.parley.didcomm.oob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QR renderings decode back to the link with ZXing's reader. */
class QrCodesTest {

    private static final String LINK = "https://parley.example/i?_oob=eyJpZCI6ImludiIsInR5cGUiOiJodHRwczovL2RpZGNvbW0ub3"
            + "JnL291dC1vZi1iYW5kLzIuMC9pbnZpdGF0aW9uIiwiZnJvbSI6ImRpZDpleGFtcGxlOmFsaWNlIiwiYm9keSI6e319";

    private static String decode(int[] argb, int width, int height) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(width, height, argb)))).getText();
    }

    @Test
    void pngDecodesToTheLink(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("invite.png");
        QrCodes.writePng(LINK, 4, png);
        BufferedImage img = ImageIO.read(Files.newInputStream(png));
        int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        assertEquals(LINK, decode(argb, img.getWidth(), img.getHeight()));
    }

    @Test
    void terminalHalfBlocksDecodeToTheLinkOnBothBackgrounds() throws Exception {
        for (QrCodes.Background bg : QrCodes.Background.values()) {
            String[] lines = QrCodes.terminal(LINK, bg).split("\n");
            int w = lines[0].length();
            int h = lines.length * 2;
            int scale = 3;
            int[] argb = new int[w * scale * h * scale];
            for (int row = 0; row < lines.length; row++) {
                for (int x = 0; x < w; x++) {
                    char c = lines[row].charAt(x);
                    boolean top = c == '\u2588' || c == '\u2580';
                    boolean bottom = c == '\u2588' || c == '\u2584';
                    paint(argb, w * scale, x, row * 2, scale, dark(top, bg));
                    paint(argb, w * scale, x, row * 2 + 1, scale, dark(bottom, bg));
                }
            }
            assertEquals(LINK, decode(argb, w * scale, h * scale), bg.name());
        }
    }

    private static boolean dark(boolean ink, QrCodes.Background bg) {
        return bg == QrCodes.Background.LIGHT ? ink : !ink;
    }

    private static void paint(int[] argb, int stride, int x, int y, int scale, boolean dark) {
        for (int dy = 0; dy < scale; dy++) {
            for (int dx = 0; dx < scale; dx++) {
                argb[(y * scale + dy) * stride + x * scale + dx] = dark ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
    }

    @Test
    void refusesTextTooLongForAQrCode() {
        assertThrows(QrCodeTooLargeException.class, () -> QrCodes.terminal("x".repeat(5000), QrCodes.Background.DARK));
    }
}
