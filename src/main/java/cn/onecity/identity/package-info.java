/**
 * identity: accounts, roles, organisations, login, lockout and password policy, data scope,
 * personal-data protection (SM4-GCM field encryption and masking) and the operation and login logs.
 * Its root package is the API other modules use: {@link cn.onecity.identity.CurrentUser},
 * {@link cn.onecity.identity.DataScope}, {@link cn.onecity.identity.AuditLog},
 * {@link cn.onecity.identity.PersonalData}, {@link cn.onecity.identity.Accounts}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "identity")
package cn.onecity.identity;
