package dev.parley.didcomm.oob;

/** A text is too long for a QR code at the chosen error correction; use a shorter base URL or fewer attachments. */
public final class QrCodeTooLargeException extends Exception {

    private static final long serialVersionUID = 1L;

    public QrCodeTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
