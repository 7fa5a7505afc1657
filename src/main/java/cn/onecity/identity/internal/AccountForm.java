package cn.onecity.identity.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;

/** The create-account form. {@link cn.onecity.identity.Accounts#createAccount} checks every rule again. */
record AccountForm(
        @NotBlank(message = "请填写用户名")
        @Pattern(regexp = "[a-z][a-z0-9._-]{2,39}", message = "用户名须以小写字母开头，3–40 位小写字母、数字、点、下划线或连字符")
        String username,
        @NotBlank(message = "请填写姓名或名称") @Size(max = 60, message = "姓名或名称不能超过 60 个字") String displayName,
        @NotNull(message = "请选择角色") Role role,
        @NotNull(message = "请选择所属机构") Long organisationId,
        @NotBlank(message = "请填写密码") @Size(max = 64, message = "密码不能超过 64 位") String password,
        @NotBlank(message = "请再次输入密码") String confirmPassword,
        @Pattern(regexp = "(1[3-9][0-9]{9})?", message = "手机号须为 11 位数字，以 1 开头") String phone) {

    static AccountForm empty() {
        return new AccountForm("", "", null, null, "", "", "");
    }

    boolean passwordsMatch() {
        return password == null || password.equals(confirmPassword);
    }

    NewAccount toNewAccount() {
        return new NewAccount(username, displayName, password, role, organisationId == null ? 0 : organisationId,
                phone == null || phone.isBlank() ? null : phone.strip());
    }
}
