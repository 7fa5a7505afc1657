/**
 * notification: in-app messages (站内信) addressed to an organisation (every account of it sees them)
 * or to one account; read state per account.
 */
@org.springframework.modulith.ApplicationModule(displayName = "notification")
package cn.onecity.notification;
