package cn.onecity.web.internal;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
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
        String detail = switch (statusCode.value()) {
            case 400 -> "请求格式不正确或缺少必填参数";
            case 404 -> "请求的资源不存在";
            case 405 -> "不支持该请求方法";
            case 406 -> "不支持请求的响应格式";
            case 413 -> "上传内容过大";
            case 415 -> "不支持该内容类型";
            default -> "请求无法处理";
        };
        return problem(HttpStatus.valueOf(statusCode.value()), detail, List.of());
    }

    static List<FieldMessage> fieldErrors(BindException ex) {
        return ex.getFieldErrors().stream()
                .map(f -> new FieldMessage(f.getField(), f.getDefaultMessage()))
                .toList();
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
