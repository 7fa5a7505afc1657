package cn.onecity.shared;

import java.util.List;

/**
 * A rule of the business was broken. The message is Chinese and is shown to the user as it is;
 * the status is the HTTP status an API answers with.
 */
public class BusinessException extends RuntimeException {

    private final int status;
    private final List<FieldMessage> errors;

    public BusinessException(String message) {
        this(400, message, List.of());
    }

    public BusinessException(int status, String message) {
        this(status, message, List.of());
    }

    public BusinessException(int status, String message, List<FieldMessage> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    /** A 400 naming one field. */
    public static BusinessException invalid(String field, String message) {
        return new BusinessException(400, message, List.of(new FieldMessage(field, message)));
    }

    public int status() {
        return status;
    }

    public List<FieldMessage> errors() {
        return errors;
    }

    /**
     * The messages by field, as forms show them next to their inputs: several for one field are joined with "；",
     * and a rule that names no field is under "" (or the whole message is, when no field is named at all).
     */
    public java.util.Map<String, String> byField() {
        return byField("");
    }

    /** As {@link #byField()}, with messages that name no field under {@code fallbackField}. */
    public java.util.Map<String, String> byField(String fallbackField) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (FieldMessage f : errors) {
            String field = f.field() == null || f.field().isEmpty() ? fallbackField : f.field();
            out.merge(field, f.message(), (a, b) -> a + "；" + b);
        }
        if (out.isEmpty()) {
            out.put(fallbackField, getMessage());
        }
        return out;
    }
}
