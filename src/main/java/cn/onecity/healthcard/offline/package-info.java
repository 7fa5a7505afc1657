/**
 * The health code payload format ({@link cn.onecity.healthcard.offline.HealthCodes}) and the offline verifier
 * ({@link cn.onecity.healthcard.offline.OfflineVerifier}). The classes here depend only on the JDK and Bouncy Castle
 * ({@code org.bouncycastle:bcprov-jdk18on}), so a hospital system can embed them; the {@code NamedInterface}
 * annotation below only matters to the platform's module checks and may be dropped when copying the sources.
 */
@org.springframework.modulith.NamedInterface("offline")
package cn.onecity.healthcard.offline;
