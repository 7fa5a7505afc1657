package cn.onecity.region.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springdoc.core.annotations.ParameterObject;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import cn.onecity.identity.CurrentUser;
import cn.onecity.region.CalendarDay;
import cn.onecity.region.CalendarYear;
import cn.onecity.region.WorkingCalendar;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The working-day calendar over REST. The GETs are public (see SecurityConfig); defining a year needs ADMIN.
 * Every rule is enforced again by {@link WorkingCalendar}; the records here only give early, per-field errors.
 */
@RestController
@RequestMapping("/api/v1/calendar")
@Tag(name = "工作日历", description = "法定节假日与调休安排，按工作日计算期限")
class CalendarApiController {

    private final WorkingCalendar calendar;

    CalendarApiController(WorkingCalendar calendar) {
        this.calendar = calendar;
    }

    record DueDateQuery(
            @Parameter(description = "起算日（第 0 天，不计入），格式 YYYY-MM-DD", example = "2026-02-13")
            @NotNull(message = "请填写起算日 start，格式 YYYY-MM-DD")
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate start,
            @Parameter(description = "工作日数 N（0–3660）", example = "5")
            @NotNull(message = "请填写工作日数 workingDays")
            @Min(value = 0, message = "工作日数不能为负数")
            @Max(value = 3660, message = "工作日数过大（最多 3660）") Integer workingDays) {
    }

    record DueDate(LocalDate start, int workingDays, LocalDate dueDate) {
    }

    @GetMapping("/due-date")
    @Operation(summary = "按工作日计算到期日",
            description = "起算日 start 为第 0 天，不计入（即使它是节假日或周末）；其后的工作日依次计为第 1、2……N 天，第 N 个工作日即到期日。"
                    + "工作日 = 调休上班日，或未放假的周一至周五。workingDays=0 时到期日即起算日。"
                    + "计算涉及尚未录入节假日安排的年份时返回 422（application/problem+json）；参数缺失或格式错误返回 400，并在 errors 中列出字段。")
    DueDate dueDate(@ParameterObject @Valid DueDateQuery query) {
        return new DueDate(query.start(), query.workingDays(), calendar.dueDate(query.start(), query.workingDays()));
    }

    record RangeQuery(
            @Parameter(description = "起始日（计入），格式 YYYY-MM-DD", example = "2026-01-01")
            @NotNull(message = "请填写起始日 from，格式 YYYY-MM-DD")
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "截止日（计入），格式 YYYY-MM-DD", example = "2026-12-31")
            @NotNull(message = "请填写截止日 to，格式 YYYY-MM-DD")
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    }

    record WorkingDays(LocalDate from, LocalDate to, int workingDays) {
    }

    @GetMapping("/working-days")
    @Operation(summary = "统计两日期之间的工作日数",
            description = "统计 from 至 to 之间的工作日数，两端都计入（闭区间 [from, to]）；to 早于 from 时为 0。"
                    + "例如 from=2026-01-01&to=2026-12-31 得 248。涉及尚未录入节假日安排的年份时返回 422。")
    WorkingDays workingDays(@ParameterObject @Valid RangeQuery query) {
        if (query.to().getYear() - query.from().getYear() > 100) {
            throw cn.onecity.shared.BusinessException.invalid("to", "日期范围过大（最多 100 年）");
        }
        return new WorkingDays(query.from(), query.to(), calendar.workingDaysBetween(query.from(), query.to()));
    }

    record YearSummary(int year, String notice, OffsetDateTime loadedAt, int holidays, int workdays, int workingDays) {
        static YearSummary of(CalendarYear y) {
            return new YearSummary(y.year(), y.notice(), y.loadedAt(), y.holidays(), y.workdays(), y.workingDays());
        }
    }

    record YearDetail(int year, String notice, OffsetDateTime loadedAt, int holidays, int workdays, int workingDays,
            List<CalendarDay> days) {
        static YearDetail of(CalendarYear y) {
            return new YearDetail(y.year(), y.notice(), y.loadedAt(), y.holidays(), y.workdays(), y.workingDays(),
                    y.days());
        }
    }

    @GetMapping("/years")
    @Operation(summary = "已录入的年度",
            description = "列出已录入节假日安排的年份（新的在前）：通知文号、放假天数 holidays（含周末）、调休上班天数 workdays、全年工作日数 workingDays。")
    List<YearSummary> years() {
        return calendar.years().stream().map(YearSummary::of).toList();
    }

    @GetMapping("/years/{year}")
    @Operation(summary = "某年度的节假日安排", description = "该年的放假日（HOLIDAY）和调休上班日（WORKDAY）；未录入时返回 404。")
    YearDetail year(@PathVariable int year) {
        return YearDetail.of(calendar.year(year));
    }

    record DayEntry(
            @NotNull(message = "请填写日期，格式 YYYY-MM-DD") LocalDate date,
            @NotBlank(message = "请填写名称，如“春节”或“春节调休”")
            @Size(max = 20, message = "名称不能超过 20 个字") String name) {
    }

    record YearArrangement(
            @NotBlank(message = "请填写国务院办公厅通知的文号，如“国办发明电〔2026〕7号”")
            @Size(max = 100, message = "通知文号不能超过 100 个字") String notice,
            @NotEmpty(message = "请至少录入一个放假日期") List<@NotNull(message = "放假日期不能为空") @Valid DayEntry> holidays,
            List<@NotNull(message = "调休上班日期不能为空") @Valid DayEntry> workdays) {
    }

    @PutMapping("/years/{year}")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "录入或替换某年度的节假日安排（仅系统管理员）",
            description = "按国务院办公厅通知录入：放假日 holidays 与调休上班日 workdays。所有日期须在该年内；同一日期不能既放假又上班；"
                    + "调休上班日只能是周六或周日。已有安排时整体替换。规则不满足时返回 400，errors 列出字段。")
    YearDetail define(CurrentUser user, @PathVariable int year, @Valid @RequestBody YearArrangement body) {
        List<CalendarDay> days = new ArrayList<>();
        body.holidays().forEach(d -> days.add(new CalendarDay(d.date(), CalendarDay.Kind.HOLIDAY, d.name())));
        if (body.workdays() != null) {
            body.workdays().forEach(d -> days.add(new CalendarDay(d.date(), CalendarDay.Kind.WORKDAY, d.name())));
        }
        calendar.defineYear(user, year, body.notice(), days);
        return YearDetail.of(calendar.year(year));
    }
}
