package cn.onecity.healthcard;

import java.time.OffsetDateTime;

/** A freshly signed dynamic code: the QR payload ({@code EHC1:…}) and the instant it stops being valid. */
public record CardCode(String payload, OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
}
