package dev.parley.session.didcomm;

/** No answer to a propose arrived in time: the peer is offline, its mediator slow, or the propose was lost. */
public final class UpgradeTimeoutException extends Exception {
    public UpgradeTimeoutException(String message) {
        super(message);
    }
}
