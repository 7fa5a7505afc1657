package cn.onecity.identity.internal;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.NewAccount;
import cn.onecity.identity.Role;

/** {@code /api/v1/identity}: who am I, and account creation for administrators' scripts. */
@RestController
@RequestMapping("/api/v1/identity")
class IdentityApiController {

    private final AccountAdministration admin;

    IdentityApiController(AccountAdministration admin) {
        this.admin = admin;
    }

    record Me(String username, String displayName, Role role, String roleLabel, long organisationId,
            String organisationName, String cityCode, String departmentCode) {
    }

    record NewAccountRequest(
            @NotBlank(message = "请填写用户名")
            @Pattern(regexp = "[a-z][a-z0-9._-]{2,39}", message = "用户名须以小写字母开头，3–40 位小写字母、数字、点、下划线或连字符")
            String username,
            @NotBlank(message = "请填写姓名或名称") @Size(max = 60, message = "姓名或名称不能超过 60 个字") String displayName,
            @NotBlank(message = "请填写密码") String password,
            @NotNull(message = "请选择角色") Role role,
            @NotNull(message = "请选择所属机构") Long organisationId,
            @Pattern(regexp = "(1[3-9][0-9]{9})?", message = "手机号须为 11 位数字，以 1 开头") String phone) {
    }

    record Created(long id, String username) {
    }

    @GetMapping("/me")
    Me me(CurrentUser user) {
        return new Me(user.username(), user.displayName(), user.role(), user.role().label(), user.organisationId(),
                user.organisationName(), user.cityCode(), user.departmentCode());
    }

    @PostMapping("/accounts")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Created> create(CurrentUser user, @Valid @RequestBody NewAccountRequest body) {
        long id = admin.create(user, new NewAccount(body.username(), body.displayName(), body.password(), body.role(),
                body.organisationId(), body.phone()));
        String username = body.username().strip().toLowerCase();
        return ResponseEntity.created(URI.create("/api/v1/identity/accounts/" + id)).body(new Created(id, username));
    }
}
