package cn.onecity.identity.internal;

import jakarta.validation.constraints.NotNull;

import cn.onecity.identity.Role;

/** A new role and organisation for an account; the module checks that they fit each other. */
record RoleForm(@NotNull(message = "请选择角色") Role role, @NotNull(message = "请选择所属机构") Long organisationId) {
}
