package cn.onecity.healthcard.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.onecity.healthcard.Card;
import cn.onecity.healthcard.CardCode;
import cn.onecity.healthcard.HealthCardStatistics;
import cn.onecity.healthcard.HealthCards;
import cn.onecity.healthcard.Hospital;
import cn.onecity.healthcard.Hospitals;
import cn.onecity.healthcard.NewCard;
import cn.onecity.healthcard.NewHospital;
import cn.onecity.healthcard.SigningKeys;
import cn.onecity.healthcard.VerificationResult;
import cn.onecity.healthcard.Verifications;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.region.Region;
import cn.onecity.shared.BusinessException;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.NotFoundException;
import cn.onecity.shared.PageResult;

/**
 * Pages of the 电子健康卡: the resident's card (application, the dynamic QR refreshed by htmx, 挂失, use history and
 * export), the hospital scanner, and the public hospital registry with the coverage figure.
 */
@Controller
class HealthCardPages {

    static final String ACTIVE = "healthcard";

    private final HealthCards cards;
    private final Verifications verifications;
    private final Hospitals hospitals;
    private final HealthCardStatistics statistics;
    private final SigningKeys keys;
    private final Region region;
    private final Clock clock;

    HealthCardPages(HealthCards cards, Verifications verifications, Hospitals hospitals, HealthCardStatistics statistics,
            SigningKeys keys, Region region, Clock clock) {
        this.cards = cards;
        this.verifications = verifications;
        this.hospitals = hospitals;
        this.statistics = statistics;
        this.keys = keys;
        this.region = region;
        this.clock = clock;
    }

    @GetMapping("/healthcard")
    String home(CurrentUser user, @RequestParam(required = false) Integer page, Model model) {
        if (user.is(Role.HOSPITAL_STAFF)) {
            return "redirect:/healthcard/verify";
        }
        if (!user.is(Role.RESIDENT)) {
            return "redirect:/healthcard/hospitals";
        }
        Optional<Card> card = cards.myCard(user);
        if (card.isEmpty()) {
            return applyForm(new NewCard("", "", "", user.cityCode() == null ? "" : user.cityCode()), Map.of(), model);
        }
        model.addAttribute("card", card.get());
        model.addAttribute("uses", cards.uses(user, PageResult.page(page), 10));
        model.addAttribute("code", codeModel(cards.code(user)));
        return "healthcard/card";
    }

    private String applyForm(NewCard form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("cities", region.cities());
        return "healthcard/apply";
    }

    @PostMapping("/healthcard/apply")
    String apply(CurrentUser user, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String idNumber, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "") String homeCityCode, Model model, RedirectAttributes redirect) {
        if (!user.is(Role.RESIDENT)) {
            throw new ForbiddenException("仅居民个人账号可以申领电子健康卡");
        }
        NewCard form = new NewCard(name, idNumber, phone, homeCityCode);
        try {
            cards.apply(user, form);
        } catch (BusinessException e) {
            if (e.status() == 400 || e.status() == 409) {
                return applyForm(form, e.byField(), model);
            }
            throw e;
        }
        redirect.addFlashAttribute("flash", "电子健康卡已开通。就医时出示下方二维码，三市二级以上公立医院均可使用。");
        return "redirect:/healthcard";
    }

    /** The QR block alone, for htmx to swap in before the code expires. */
    @GetMapping("/healthcard/code")
    String code(CurrentUser user, Model model) {
        if (!user.is(Role.RESIDENT)) {
            throw new ForbiddenException("仅持卡居民可以出示二维码");
        }
        model.addAttribute("code", codeModel(cards.code(user)));
        return "healthcard/card :: code";
    }

    /** What the QR block shows; it refreshes itself 30 s before expiry (at least every 10 s). */
    record CodeView(String payload, String image, OffsetDateTime expiresAt, long refreshSeconds, long validSeconds) {
    }

    private CodeView codeModel(CardCode code) {
        long valid = Math.max(1, Duration.between(OffsetDateTime.now(clock), code.expiresAt()).getSeconds());
        long refresh = Math.max(10, valid - 30);
        String image = "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCodes.png(code.payload(), 320));
        return new CodeView(code.payload(), image, code.expiresAt(), refresh, valid);
    }

    @PostMapping("/healthcard/loss")
    String reportLoss(CurrentUser user, RedirectAttributes redirect) {
        HealthCards.LossReport r = cards.reportLoss(user);
        redirect.addFlashAttribute("flash", "已挂失：此前出示过的二维码全部失效（吊销列表版本 " + r.version()
                + "）。下方为新生成的二维码，可继续就医使用。");
        return "redirect:/healthcard";
    }

    @GetMapping("/healthcard/uses.xlsx")
    ResponseEntity<byte[]> export(CurrentUser user) {
        Card card = cards.myCard(user).orElseThrow(() -> new NotFoundException("您还没有电子健康卡"));
        return UseWorkbook.download(card, cards.allUses(user));
    }

    @GetMapping("/healthcard/verify")
    String scanner(CurrentUser user, Model model) {
        model.addAttribute("hospital", hospitals.hospitalFor(user));
        model.addAttribute("purposes", Verifications.PURPOSES);
        model.addAttribute("purpose", "挂号");
        model.addAttribute("errors", Map.of());
        return "healthcard/verify";
    }

    @PostMapping("/healthcard/verify")
    String verify(CurrentUser user, @RequestParam(defaultValue = "") String payload,
            @RequestParam(required = false) MultipartFile image, @RequestParam(defaultValue = "") String purpose,
            @RequestParam(defaultValue = "") String department, Model model) throws IOException {
        Hospital hospital = hospitals.hospitalFor(user);
        model.addAttribute("hospital", hospital);
        model.addAttribute("purposes", Verifications.PURPOSES);
        model.addAttribute("purpose", purpose);
        model.addAttribute("department", department);
        String text = payload.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (image != null && !image.isEmpty()) {
            Optional<String> decoded = QrCodes.decode(image.getSize() > QrCodes.MAX_IMAGE_BYTES ? null : image.getBytes());
            if (decoded.isEmpty()) {
                errors.put("image", "未能从图片中识别出二维码，请上传清晰、完整的二维码图片（不超过 5 MB），或粘贴扫码枪读取的文本");
            } else {
                text = decoded.get();
            }
        } else if (text.isEmpty()) {
            errors.put("payload", "请粘贴扫码得到的二维码文本，或上传二维码图片");
        }
        if (errors.isEmpty()) {
            try {
                VerificationResult result = verifications.verify(user, text, purpose, department);
                model.addAttribute("result", result);
            } catch (BusinessException e) {
                if (e.status() != 400 && e.status() != 429) {
                    throw e;
                }
                errors.putAll(e.byField());
            }
        }
        model.addAttribute("errors", errors);
        return "healthcard/verify";
    }

    @GetMapping("/healthcard/hospitals")
    String hospitalList(CurrentUser user, Model model) {
        model.addAttribute("hospitals", hospitals.list());
        model.addAttribute("coverage", hospitals.coverage());
        model.addAttribute("cities", region.cities());
        model.addAttribute("figures", statistics.figures());
        model.addAttribute("canMaintain", Hospitals.canMaintain(user));
        if (Hospitals.canMaintain(user)) {
            model.addAttribute("districts", region.districts());
            model.addAttribute("grades", Hospitals.GRADES);
            model.addAttribute("form", model.containsAttribute("form") ? model.getAttribute("form") : new NewHospital("", "三级甲等", "", "", ""));
            model.addAttribute("errors", model.containsAttribute("errors") ? model.getAttribute("errors") : Map.of());
        }
        model.addAttribute("validity", keys.codeValidity().toMinutes());
        return "healthcard/hospitals";
    }

    @PostMapping("/healthcard/hospitals")
    String register(CurrentUser user, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String grade, @RequestParam(defaultValue = "") String districtCode,
            @RequestParam(defaultValue = "") String creditCode, @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        NewHospital form = new NewHospital(name, grade, districtCode, creditCode, note);
        try {
            Hospital h = hospitals.register(user, form);
            redirect.addFlashAttribute("flash", "已登记" + h.name() + "。接入后即可为其开设医院工作人员账号。");
        } catch (BusinessException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("errors", e.byField());
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/healthcard/hospitals#register";
    }

    @PostMapping("/healthcard/hospitals/{id}/connect")
    String connect(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        Hospital h = hospitals.connect(user, id);
        redirect.addFlashAttribute("flash", h.name() + "已接入电子健康卡一卡通。可在“账户管理”中为其开设医院工作人员账号。");
        return "redirect:/healthcard/hospitals";
    }
}
