package cn.onecity.innovation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import cn.onecity.identity.Accounts;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/** Checks of this module's inputs, shared by its facades (and by its form controllers to parse numbers). */
public final class Inputs {

    /** The largest amount (万元) one record may carry: 100 亿元; above it is taken for a unit mistake. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

    private Inputs() {
    }

    /** A required text of at most {@code max} characters; adds an error and returns null when it is not. */
    static String text(List<FieldMessage> errors, String field, String value, String label, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldMessage(field, "请填写" + label));
            }
            return "";
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(new FieldMessage(field, label + "不能超过 " + max + " 字"));
        }
        return v;
    }

    /** An amount in 万元: required or not, never negative (or zero when required), never above {@link #MAX_AMOUNT}. */
    static void amount(List<FieldMessage> errors, String field, BigDecimal value, String label, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(new FieldMessage(field, "请填写" + label + "（万元）"));
            }
            return;
        }
        if (value.signum() < 0) {
            errors.add(new FieldMessage(field, label + "不能为负数"));
        } else if (required && value.signum() == 0) {
            errors.add(new FieldMessage(field, label + "应大于 0"));
        } else if (value.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldMessage(field, label + "超过 100 亿元，明显不合常理，请核对单位（万元）"));
        } else if (value.scale() > 2 && value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldMessage(field, label + "最多保留两位小数（万元）"));
        }
    }

    static LocalDate date(List<FieldMessage> errors, String field, String value, String label, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldMessage(field, "请填写" + label));
            }
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldMessage(field, label + "格式应为 yyyy-MM-dd"));
            return null;
        }
    }

    /** Who may register and remove brokers and review experts: the joint office and the platform admin. */
    public static boolean canManagePeople(CurrentUser user) {
        return user != null && user.isAny(Role.JOINT_OFFICE, Role.ADMIN);
    }

    /**
     * The INSTITUTION account with this username, or null with an error on {@code username} (blank, unknown, or
     * of another role): brokers and review experts are accounts of universities, institutes and service bodies.
     */
    static CurrentUser institutionAccount(List<FieldMessage> errors, Accounts accounts, String username) {
        if (username == null || username.isBlank()) {
            errors.add(new FieldMessage("username", "请填写账户用户名"));
            return null;
        }
        String u = username.strip().toLowerCase();
        CurrentUser account = accounts.findByUsername(u).orElse(null);
        if (account == null) {
            errors.add(new FieldMessage("username", "账户“" + u + "”不存在"));
            return null;
        }
        return checkInstitution(errors, account);
    }

    /** As {@link #institutionAccount(List, Accounts, String)}, by account id (demo data). */
    static CurrentUser institutionAccount(List<FieldMessage> errors, Accounts accounts, long accountId) {
        CurrentUser account = accounts.find(accountId).orElse(null);
        if (account == null) {
            errors.add(new FieldMessage("username", "账户#" + accountId + "不存在"));
            return null;
        }
        return checkInstitution(errors, account);
    }

    private static CurrentUser checkInstitution(List<FieldMessage> errors, CurrentUser account) {
        if (!account.is(Role.INSTITUTION)) {
            errors.add(new FieldMessage("username", "账户“" + account.username() + "”的角色是" + account.role().label()
                    + "，只有高校院所（INSTITUTION）账户可以登记为技术经纪人或评审专家"));
            return null;
        }
        return account;
    }

    static void throwIfAny(List<FieldMessage> errors) {
        if (!errors.isEmpty()) {
            throw new BusinessException(400, errors.get(0).message(), errors);
        }
    }

    /** Parses a form's number (blank: null), or a 400 naming the field. */
    public static BigDecimal decimal(String field, String raw, String label) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(raw.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw BusinessException.invalid(field, label + "应为数字");
        }
    }

    /** Parses a form's whole number (blank: null), or a 400 naming the field. */
    public static Integer integer(String field, String raw, String label) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.strip());
        } catch (NumberFormatException e) {
            throw BusinessException.invalid(field, label + "应为整数");
        }
    }

    /** "（示例）" or "示例" in a name or note marks a record invented for the demo. */
    static boolean sample(String... texts) {
        for (String t : texts) {
            if (t != null && t.contains("示例")) {
                return true;
            }
        }
        return false;
    }
}
