package cn.onecity.identity.internal;

import jakarta.validation.constraints.NotBlank;

/** A new password set by an administrator; {@link cn.onecity.identity.PasswordPolicy} is checked by the module. */
record PasswordForm(@NotBlank(message = "请填写新密码") String newPassword,
        @NotBlank(message = "请再次输入新密码") String confirmPassword) {

    boolean matches() {
        return newPassword != null && newPassword.equals(confirmPassword);
    }
}
