package cn.onecity.notification.internal;

/**
 * Where SMS go: one interface, so that a deployment's provider (a 政务短信平台, a carrier's gateway) is one class.
 * The platform ships {@link HttpSmsGateway}, a signed JSON POST.
 */
interface SmsGateway {

    /**
     * Sends one SMS. {@code requestId} is the same on every attempt of the same message, so that a gateway that saw
     * it already can answer success without sending it twice.
     */
    Outcome send(String requestId, String phone, String text);

    enum Kind {
        /** The gateway took the message. */
        SENT,
        /** Worth trying again later: the gateway was out of reach, busy or failing. */
        RETRY,
        /** Refused for good (e.g. an invalid number): trying again would not help. */
        REFUSED
    }

    /** What became of an attempt; {@code detail} says why for anything but SENT. */
    record Outcome(Kind kind, String detail) {

        static Outcome sent() {
            return new Outcome(Kind.SENT, null);
        }
    }
}
