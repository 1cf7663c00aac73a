package dev.parley.didcomm.oob;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders text (an invitation link) as a QR code with ZXing: a PNG, or Unicode half blocks for a terminal
 * (two module rows per text line). Error correction M, a 4-module quiet zone. Stateless.
 */
public final class QrCodes {

    /** Which terminal background the text rendering is drawn for; QR readers need dark modules on light. */
    public enum Background {
        /** Light modules are drawn as blocks, dark modules as spaces. */
        DARK,
        /** Dark modules are drawn as blocks. */
        LIGHT
    }

    private static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** The module matrix for {@code text}, including the quiet zone. */
    public static BitMatrix matrix(String text) throws QrCodeTooLargeException {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN, QUIET_ZONE,
                    EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException | IllegalArgumentException e) {
            throw new QrCodeTooLargeException("a " + text.length() + "-character text does not fit a QR code: "
                    + e.getMessage(), e);
        }
    }

    /** Writes a PNG of {@code text} with {@code scale} pixels per module. */
    public static void writePng(String text, int scale, OutputStream out) throws QrCodeTooLargeException, IOException {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be 1..64 pixels per module, got " + scale);
        }
        BitMatrix m = matrix(text);
        BufferedImage img = new BufferedImage(m.getWidth() * scale, m.getHeight() * scale, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, m.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        if (!ImageIO.write(img, "png", out)) {
            throw new IOException("this JDK has no PNG writer");
        }
    }

    /** Writes a PNG file, replacing it if present. */
    public static void writePng(String text, int scale, Path file) throws QrCodeTooLargeException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writePng(text, scale, out);
        }
    }

    /** The QR code as lines of Unicode half blocks ({@code ▀ ▄ █} and space), one line per two module rows. */
    public static String terminal(String text, Background background) throws QrCodeTooLargeException {
        BitMatrix m = matrix(text);
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y += 2) {
            for (int x = 0; x < m.getWidth(); x++) {
                boolean top = ink(m, x, y, background);
                boolean bottom = y + 1 < m.getHeight() ? ink(m, x, y + 1, background) : background == Background.DARK;
                sb.append(top ? (bottom ? '\u2588' : '\u2580') : (bottom ? '\u2584' : ' '));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static boolean ink(BitMatrix m, int x, int y, Background background) {
        boolean dark = m.get(x, y);
        return background == Background.LIGHT ? dark : !dark;
    }
}
