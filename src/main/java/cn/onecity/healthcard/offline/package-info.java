/**
 * The health code payload format ({@link cn.onecity.healthcard.offline.HealthCodes}) and the offline verifier
 * ({@link cn.onecity.healthcard.offline.OfflineVerifier}). The classes here depend only on the JDK and Bouncy Castle
 * ({@code org.bouncycastle:bcprov-jdk18on}), so a hospital system can embed them; the {@code NamedInterface}
 * annotation below only matters to the platform's module checks and may be dropped when copying the sources.
 * <p>
 * A code admitted offline is a use the holder cannot see until the hospital reports it: keep the payload, purpose,
 * department and time of use, and send them to {@code POST /api/v1/healthcard/uses} (up to 500 per call; resending
 * is safe) when the platform is reachable.
 */
@org.springframework.modulith.NamedInterface("offline")
package cn.onecity.healthcard.offline;
