package cn.onecity.web.internal;

import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import cn.onecity.identity.AuditLog;
import cn.onecity.shared.BusinessException;

/** Page controllers: errors become a Chinese error page with the right status, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    private final AuditLog audit;

    PageExceptionHandler(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(BusinessException.class)
    String business(BusinessException e, HttpServletResponse response, Model model) {
        if (e.status() == 403) {
            audit.recordFailure("web", "越权访问被拒绝", null, e.getMessage());
        }
        return error(response, model, e.status(), e.getMessage());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    String denied(Exception e, HttpServletResponse response, Model model) {
        audit.recordFailure("web", "越权访问被拒绝", null, "角色不允许");
        return error(response, model, 403, "无权访问此页面：当前账户的角色或数据范围不允许。");
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletResponse response, Model model) {
        return error(response, model, 413, "上传的文件过大：单个文件不能超过 20 MB。");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    String notFound(HttpServletResponse response, Model model) {
        return error(response, model, 404, "页面不存在。");
    }

    /**
     * A value of the wrong type in the address: in the path (a non-numeric id) the page does not exist; in a query
     * parameter the request is malformed.
     */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    String badAddress(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e,
            HttpServletResponse response, Model model) {
        if (e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class)) {
            return error(response, model, 404, "页面不存在：地址中的编号无效。");
        }
        return error(response, model, 400, "参数“" + e.getName() + "”的格式不正确。");
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("unexpected error on a page", e);
        return error(response, model, 500, "服务器内部错误，请稍后再试；如持续出现请联系管理员。");
    }

    static String error(HttpServletResponse response, Model model, int status, String message) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        return "web/error";
    }
}
