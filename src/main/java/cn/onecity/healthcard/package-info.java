/**
 * healthcard (电子健康卡一卡通): one SM2-signed dynamic health code for every public hospital of the three cities.
 * Cards (one per person, personal data SM4-encrypted), online verification with use records, loss reports and the
 * versioned revocation list, the hospital registry and statistics; and the cryptographic core: the platform key ring ({@link cn.onecity.healthcard.SigningKeys}), card ids
 * ({@link cn.onecity.healthcard.CardIds}) and the Spring-free payload format and offline verifier in
 * {@link cn.onecity.healthcard.offline}, which hospital systems can embed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "healthcard")
package cn.onecity.healthcard;
