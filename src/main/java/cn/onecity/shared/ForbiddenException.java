package cn.onecity.shared;

/** The caller is known but the record lies outside their role or data scope. */
public class ForbiddenException extends BusinessException {
    public ForbiddenException(String message) {
        super(403, message);
    }
}
