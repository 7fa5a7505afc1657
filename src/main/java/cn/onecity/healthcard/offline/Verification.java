package cn.onecity.healthcard.offline;

import java.time.Instant;

/**
 * The outcome of verifying a payload. {@code message} is Chinese, for display. The card id, issued-at and
 * expires-at are filled only when the signature is valid (reasons OK, EXPIRED, REVOKED); the key id also for
 * UNKNOWN_KEY and SIGNATURE_INVALID. For MALFORMED everything but reason and message is null.
 */
public record Verification(boolean valid, Reason reason, String message, String cardId, String keyId,
        Instant issuedAt, Instant expiresAt) {

    public enum Reason {
        OK("验证通过"),
        MALFORMED("二维码格式无效"),
        SIGNATURE_INVALID("二维码签名无效，可能已被篡改"),
        EXPIRED("二维码已过期，请刷新后重新出示"),
        REVOKED("该电子健康卡已挂失，此二维码不可使用"),
        UNKNOWN_KEY("二维码签名密钥不受信任或不在有效期内"),
        /** Decided by the online side only (the card is not known to the platform); never returned offline. */
        UNKNOWN_CARD("电子健康卡不存在");

        private final String message;

        Reason(String message) {
            this.message = message;
        }

        /** The default Chinese message. */
        public String message() {
            return message;
        }
    }

    static Verification refused(Reason reason, String keyId, HealthCodes.Body body) {
        return body == null
                ? new Verification(false, reason, reason.message(), null, keyId, null, null)
                : new Verification(false, reason, reason.message(), body.cardId(), keyId, body.issuedAt(), body.expiresAt());
    }
}
