package cn.onecity.identity;

/** What is needed to create an account; the password is checked against {@link PasswordPolicy}. */
public record NewAccount(String username, String displayName, String password, Role role, long organisationId,
        String phone) {
}
