package cn.onecity.web.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import cn.onecity.identity.AuditLog;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.FieldMessage;

/**
 * Every error of a REST controller becomes {@code application/problem+json} with a Chinese {@code detail};
 * a validation failure also lists {@code errors: [{field, message}]}. No stack trace ever leaves the server.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final AuditLog audit;

    ApiExceptionHandler(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(BusinessException.class)
    ResponseEntity<Object> business(BusinessException e, WebRequest request) {
        if (e.status() == 403) {
            audit.recordFailure("api", "越权访问被拒绝", request.getDescription(false), e.getMessage());
        }
        return problem(HttpStatus.valueOf(e.status()), e.getMessage(), e.errors());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<Object> denied(Exception e, WebRequest request) {
        audit.recordFailure("api", "越权访问被拒绝", request.getDescription(false), "角色不允许");
        return problem(HttpStatus.FORBIDDEN, "无权访问：当前账户的角色或数据范围不允许此操作", List.of());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> illegal(IllegalArgumentException e) {
        log.warn("bad API input", e);
        return problem(HttpStatus.BAD_REQUEST, "请求参数不正确", List.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error in API", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，请稍后再试；如持续出现请联系管理员", List.of());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "提交的数据有误，请按提示修改", fieldErrors(ex));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (ex instanceof BindException be) {
            return problem(HttpStatus.BAD_REQUEST, "提交的数据有误，请按提示修改", fieldErrors(be));
        }
        if (ex instanceof MissingServletRequestParameterException m) {
            return problem(HttpStatus.BAD_REQUEST, "缺少必填参数 " + m.getParameterName(),
                    List.of(new FieldMessage(m.getParameterName(), "请填写此参数")));
        }
        if (ex instanceof MethodArgumentTypeMismatchException t) {
            return problem(HttpStatus.BAD_REQUEST, "参数 " + t.getName() + " 的格式不正确",
                    List.of(new FieldMessage(t.getName(), typeHint(t.getRequiredType()))));
        }
        if (ex instanceof HandlerMethodValidationException v) {
            List<FieldMessage> errors = new ArrayList<>();
            v.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(e -> errors.add(
                    new FieldMessage(String.valueOf(r.getMethodParameter().getParameterName()), e.getDefaultMessage()))));
            return problem(HttpStatus.BAD_REQUEST, "提交的数据有误，请按提示修改", errors);
        }
        if (ex instanceof HttpMessageNotReadableException) {
            if (BodyLimit.causedBy(ex)) {
                return problem(HttpStatus.CONTENT_TOO_LARGE, BodyLimit.TOO_LARGE, List.of());
            }
            return problem(HttpStatus.BAD_REQUEST,
                    "请求体无法解析：请检查 JSON 格式和各字段的类型（日期格式为 YYYY-MM-DD，时间格式为 2026-12-01T09:30:00+08:00）", List.of());
        }
        String detail = switch (statusCode.value()) {
            case 400 -> "请求格式不正确或缺少必填参数";
            case 404 -> "请求的资源不存在";
            case 405 -> "不支持该请求方法";
            case 406 -> "不支持请求的响应格式";
            case 413 -> ApiErrorFilter.UPLOAD_TOO_LARGE;
            case 415 -> "不支持该内容类型";
            default -> "请求无法处理";
        };
        return problem(HttpStatus.valueOf(statusCode.value()), detail, List.of());
    }

    static List<FieldMessage> fieldErrors(BindException ex) {
        return ex.getFieldErrors().stream()
                .map(f -> new FieldMessage(f.getField(), f.isBindingFailure() ? bindingFailure(f) : f.getDefaultMessage()))
                .toList();
    }

    /** A value that could not be converted (e.g. {@code start=2026-13-01}): a Chinese hint instead of Spring's text. */
    static String bindingFailure(FieldError f) {
        TypeMismatchException t = f.contains(TypeMismatchException.class) ? f.unwrap(TypeMismatchException.class) : null;
        if (t != null && t.getRequiredType() != null) {
            return typeHint(t.getRequiredType());
        }
        for (String code : f.getCodes() == null ? new String[0] : f.getCodes()) {
            if (code.startsWith("typeMismatch.")) {
                try {
                    return typeHint(Class.forName(code.substring("typeMismatch.".length())));
                } catch (ClassNotFoundException | LinkageError notAType) {
                    // the code names a field, not a type: try the next one
                }
            }
        }
        return "格式不正确";
    }

    static String typeHint(Class<?> type) {
        if (type == null) {
            return "格式不正确";
        }
        if (type == LocalDate.class) {
            return "须为有效日期，格式 YYYY-MM-DD";
        }
        if (type == LocalDateTime.class || type == OffsetDateTime.class) {
            return "须为有效时间，格式 YYYY-MM-DDTHH:MM:SS";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class) {
            return "须为整数";
        }
        if (type == double.class || type == Double.class || type == BigDecimal.class || type == float.class
                || type == Float.class) {
            return "须为数字";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "须为 true 或 false";
        }
        if (type.isEnum()) {
            return "取值无效";
        }
        return "格式不正确";
    }

    static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldMessage> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(status.getReasonPhrase());
        if (!errors.isEmpty()) {
            pd.setProperty("errors", errors.stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }
}
