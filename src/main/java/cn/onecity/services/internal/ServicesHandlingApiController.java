package cn.onecity.services.internal;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.onecity.identity.CurrentUser;
import cn.onecity.services.Handling;
import cn.onecity.services.Ratings;
import cn.onecity.services.Upload;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.PageResult;

/**
 * REST API of the staff side (HTTP Basic): a department's task inbox, acting on a task, and the rectification
 * of bad ratings. A task of another department is 403.
 */
@RestController
@RequestMapping("/api/v1/services")
@PreAuthorize("hasAnyRole('CITY_STAFF','JOINT_OFFICE','ADMIN')")
@Tag(name = "跨市通办", description = "服务事项目录、申请、办理、好差评与统计")
class ServicesHandlingApiController {

    private final Handling handling;
    private final Ratings ratings;

    ServicesHandlingApiController(Handling handling, Ratings ratings) {
        this.handling = handling;
        this.ratings = ratings;
    }

    record TaskPage(List<Handling.InboxTask> content, int page, int size, long totalElements, int totalPages) {
    }

    record ActionRequest(String outcome, String comment, List<String> missing, String decisionText, String trackingNumber) {

        Handling.Action toAction() {
            return new Handling.Action(outcome, comment, missing, decisionText, trackingNumber);
        }
    }

    record RectificationPage(List<Ratings.RectificationItem> content, int page, int size, long totalElements, int totalPages) {
    }

    record AnswerRequest(String measures, String callback) {
    }

    record AppealRequest(String reason) {
    }

    record DecisionRequest(Boolean upheld, String decision) {
    }

    record RectificationState(long id, String status) {
    }

    @GetMapping("/tasks")
    @Operation(summary = "待办任务：本部门的（经办人员），或全部部门的（一体化办，只读），按到达时间排序")
    TaskPage tasks(CurrentUser user, @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageResult<Handling.InboxTask> r = handling.inbox(user, PageResult.page(page), PageResult.size(size));
        return new TaskPage(r.content(), r.page(), r.size(), r.totalElements(), r.totalPages());
    }

    @PostMapping(path = "/tasks/{taskId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('CITY_STAFF')")
    @Operation(summary = "办理任务（JSON）：{outcome, comment, missing[], decisionText, trackingNumber}",
            description = "各环节的 outcome：窗口收件 RECEIVE|RETURN（comment 为退回原因）；受理 ACCEPT|REJECT|SUPPLEMENT（missing 一次性列出全部补正材料）；"
                    + "审核 PASS|SUPPLEMENT；办结 APPROVE|DENY（decisionText 与结果文书必填，请用 multipart 上传 resultFile）；"
                    + "送达 MAIL（trackingNumber）|WINDOW；窗口领取 COLLECTED；联办办理 APPROVE|DENY（comment 必填）。"
                    + "成功 204；不是本部门的任务 403")
    ResponseEntity<Void> act(CurrentUser user, @PathVariable String taskId, @RequestBody(required = false) ActionRequest body) {
        if (body == null) {
            throw BusinessException.invalid("outcome", "请提交办理结果 outcome");
        }
        handling.act(user, taskId, body.toAction(), null);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/tasks/{taskId}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('CITY_STAFF')")
    @Operation(summary = "办理任务（multipart）：字段同 JSON（missing 可重复），办结时附 resultFile（结果文书，PDF、JPG 或 PNG）；成功 204")
    ResponseEntity<Void> actWithFile(CurrentUser user, @PathVariable String taskId,
            @RequestParam(required = false) String outcome, @RequestParam(required = false) String comment,
            @RequestParam(required = false) List<String> missing, @RequestParam(required = false) String decisionText,
            @RequestParam(required = false) String trackingNumber,
            @RequestParam(required = false) MultipartFile resultFile) {
        List<String> items = new ArrayList<>();
        for (String m : missing == null ? List.<String>of() : missing) {
            items.addAll(List.of(m.split("\\r?\\n")));
        }
        Upload file = resultFile == null || resultFile.isEmpty() && (resultFile.getOriginalFilename() == null
                || resultFile.getOriginalFilename().isBlank()) ? null
                : new Upload(null, resultFile.getOriginalFilename(), ServicesApplicationApiController.bytes(resultFile));
        handling.act(user, taskId, new Handling.Action(outcome, comment, items, decisionText, trackingNumber), file);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/rectifications")
    @Operation(summary = "差评整改任务：本部门的（经办人员）或全部（一体化办）；status 为 OPEN、ANSWERED、APPEALED 或 APPEAL_UPHELD")
    RectificationPage rectifications(CurrentUser user, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        String s = status == null || status.isBlank() ? null : status.trim().toUpperCase();
        if (s != null && !List.of("OPEN", "ANSWERED", "APPEALED", "APPEAL_UPHELD").contains(s)) {
            throw BusinessException.invalid("status", "状态“" + status + "”无效，应为 OPEN、ANSWERED、APPEALED 或 APPEAL_UPHELD");
        }
        PageResult<Ratings.RectificationItem> r = ratings.rectifications(user, s, PageResult.page(page), PageResult.size(size));
        return new RectificationPage(r.content(), r.page(), r.size(), r.totalElements(), r.totalPages());
    }

    @PostMapping("/rectifications/{id}/answer")
    @PreAuthorize("hasRole('CITY_STAFF')")
    @Operation(summary = "答复整改（被评价部门）：{\"measures\": 整改措施, \"callback\": 回访记录}")
    RectificationState answer(CurrentUser user, @PathVariable long id, @RequestBody(required = false) AnswerRequest body) {
        ratings.answer(user, id, body == null ? null : body.measures(), body == null ? null : body.callback());
        return new RectificationState(id, "ANSWERED");
    }

    @PostMapping("/rectifications/{id}/appeal")
    @PreAuthorize("hasRole('CITY_STAFF')")
    @Operation(summary = "申诉恶意差评（被评价部门）：{\"reason\": 申诉理由}，由一体化办审核")
    RectificationState appeal(CurrentUser user, @PathVariable long id, @RequestBody(required = false) AppealRequest body) {
        ratings.appeal(user, id, body == null ? null : body.reason());
        return new RectificationState(id, "APPEALED");
    }

    @PostMapping("/rectifications/{id}/decision")
    @PreAuthorize("hasRole('JOINT_OFFICE')")
    @Operation(summary = "审核申诉（一体化办）：{\"upheld\": true|false, \"decision\": 审核意见}；成立则该评价不计入满意率，驳回则恢复待整改")
    RectificationState decide(CurrentUser user, @PathVariable long id, @RequestBody(required = false) DecisionRequest body) {
        if (body == null || body.upheld() == null) {
            throw BusinessException.invalid("upheld", "请选择申诉是否成立（upheld: true 或 false）");
        }
        ratings.decideAppeal(user, id, body.upheld(), body.decision());
        return new RectificationState(id, body.upheld() ? "APPEAL_UPHELD" : "OPEN");
    }
}
