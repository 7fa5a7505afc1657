package cn.onecity.cooperation.internal;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.cooperation.Area;
import cn.onecity.cooperation.Cooperation;
import cn.onecity.cooperation.CooperationManagement;
import cn.onecity.cooperation.ItemChange;
import cn.onecity.cooperation.NewItem;
import cn.onecity.identity.CurrentUser;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.Times;

/**
 * REST API of the joint office to maintain joint meetings and cooperation items (HTTP Basic). The module checks
 * every rule; errors are problem+json: 400 with errors[], 403, 404, 409.
 */
@RestController
@RequestMapping("/api/v1/cooperation")
@PreAuthorize("hasAnyRole('JOINT_OFFICE','ADMIN')")
@Tag(name = "协同督办", description = "合作事项、进展报告与审核")
class CooperationAdminApiController {

    private final CooperationManagement management;
    private final Cooperation cooperation;
    private final Clock clock;

    CooperationAdminApiController(CooperationManagement management, Cooperation cooperation, Clock clock) {
        this.management = management;
        this.cooperation = cooperation;
        this.clock = clock;
    }

    record MeetingRequest(Integer sessionNo, String title, LocalDate heldOn, String hostCityCode, String theme,
            String note) {
    }

    record MeetingCreated(long id, int sessionNo) {
    }

    record MilestoneRequest(String name, LocalDate dueDate) {
    }

    /**
     * An item as JSON. On create: {@code actionId}, or {@code meeting} (届次) with {@code action} (the name of an
     * action plan, created when new). On update {@code code} and {@code meeting} are ignored.
     */
    record ItemRequest(Long actionId, Integer meeting, String action, String code, String title, String area,
            String leadDepartmentCode, List<String> coDepartmentCodes, String target, LocalDate deadline, Double weight,
            String remark, List<MilestoneRequest> milestones) {

        Area parsedArea() {
            if (area == null || area.isBlank()) {
                return null;
            }
            Area a = Area.fromLabel(area.strip());
            if (a == null) {
                throw BusinessException.invalid("area",
                        "合作领域“" + area + "”无效，应为 INDUSTRY、INNOVATION、TRANSPORT、ECOLOGY、SERVICES 或其中文名称");
            }
            return a;
        }

        List<NewItem.NewMilestone> parsedMilestones() {
            return milestones == null ? List.of()
                    : milestones.stream().map(m -> m == null ? null : new NewItem.NewMilestone(m.name(), m.dueDate()))
                            .toList();
        }

        NewItem toNewItem(long actionId) {
            return new NewItem(actionId, code, title, parsedArea(), leadDepartmentCode, coDepartmentCodes, target,
                    deadline, weight, remark, parsedMilestones());
        }
    }

    record ItemSaved(long id, String code) {
    }

    @PostMapping("/meetings")
    @Operation(summary = "新建联席会议（一体化办）：届次唯一，重复时 409")
    ResponseEntity<MeetingCreated> createMeeting(CurrentUser user, @RequestBody MeetingRequest body) {
        int sessionNo = body.sessionNo() == null ? 0 : body.sessionNo();
        long id = management.createMeeting(user, sessionNo, body.title(), body.heldOn(), body.hostCityCode(),
                body.theme(), body.note());
        return ResponseEntity.created(URI.create("/api/v1/cooperation/meetings/" + sessionNo))
                .body(new MeetingCreated(id, sessionNo));
    }

    @PutMapping("/meetings/{sessionNo}")
    @Operation(summary = "修改联席会议的名称、日期、轮值方、主题和备注（一体化办；届次不可修改）")
    MeetingCreated updateMeeting(CurrentUser user, @PathVariable int sessionNo, @RequestBody MeetingRequest body) {
        management.updateMeeting(user, sessionNo, body.title(), body.heldOn(), body.hostCityCode(), body.theme(),
                body.note());
        return new MeetingCreated(cooperation.meeting(sessionNo).id(), sessionNo);
    }

    @PostMapping("/items")
    @Operation(summary = "新建合作事项（一体化办）：actionId，或 meeting（届次）加 action（行动名称，不存在时新建）；"
            + "area 为枚举名或中文名称；事项编号重复时 409")
    ResponseEntity<ItemSaved> createItem(CurrentUser user, @RequestBody ItemRequest body) {
        long id;
        if (body.actionId() != null) {
            id = management.createItem(user, body.toNewItem(body.actionId()));
        } else {
            if (body.meeting() == null) {
                throw BusinessException.invalid("actionId", "请提供 actionId，或 meeting（届次）与 action（行动名称）");
            }
            id = management.createItem(user, body.meeting(), body.action(), body.toNewItem(0));
        }
        String code = body.code().strip();
        return ResponseEntity.created(URI.create("/api/v1/cooperation/items/" + id)).body(new ItemSaved(id, code));
    }

    @PutMapping("/items/{id}")
    @Operation(summary = "修改合作事项（一体化办；编号与会议不可修改）：责任单位整体替换，已报送进展的部门须保留；"
            + "里程碑按名称保留，已达成的不能删除或改期；新增的部门收到站内信")
    ItemSaved updateItem(CurrentUser user, @PathVariable long id, @RequestBody ItemRequest body) {
        management.updateItem(user, id, new ItemChange(body.actionId(), body.action(), body.title(), body.parsedArea(),
                body.leadDepartmentCode(), body.coDepartmentCodes(), body.target(), body.deadline(), body.weight(),
                body.remark(), body.parsedMilestones()));
        return new ItemSaved(id, cooperation.item(user.scope(), id, LocalDate.now(clock.withZone(Times.ZONE))).code());
    }
}
