package cn.onecity.shared;

/** One field's error, as API problem details list it: {@code errors: [{field, message}]}. */
public record FieldMessage(String field, String message) {
}
