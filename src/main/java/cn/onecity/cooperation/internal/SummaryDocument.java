package cn.onecity.cooperation.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import cn.onecity.cooperation.ProgressSummary.AreaSummary;
import cn.onecity.cooperation.ProgressSummary.Summary;
import cn.onecity.shared.Times;

/** Writes a progress summary as a Word document: title, date line, paragraphs and a table of areas. */
final class SummaryDocument {

    static final String[] TABLE_HEADERS = {"合作领域", "事项数", "已完成", "推进中", "滞后", "未启动", "加权进度"};

    private SummaryDocument() {
    }

    static String title(Summary s) {
        return s.meetingTitle() + "行动计划任务推进情况";
    }

    static byte[] write(Summary s) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle(title(s));
            doc.getProperties().getCoreProperties().setCreator("一座城 · 长株潭一体化数字平台");

            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            title.setSpacingAfter(200);
            run(title, title(s), 18, true);

            XWPFParagraph date = doc.createParagraph();
            date.setAlignment(ParagraphAlignment.CENTER);
            date.setSpacingAfter(300);
            run(date, "截至" + Times.chinese(s.asOf()), 12, false);

            for (String p : s.paragraphs()) {
                XWPFParagraph para = doc.createParagraph();
                para.setIndentationFirstLine(560); // two characters of 14 pt
                para.setSpacingAfter(120);
                para.setSpacingBetween(1.5);
                run(para, p, 14, false);
            }

            XWPFParagraph caption = doc.createParagraph();
            caption.setSpacingBefore(240);
            run(caption, "附表：各合作领域推进情况（共" + s.total() + "项，已完成" + s.completed() + "项，加权进度"
                    + s.progress() + "%）", 12, true);

            XWPFTable table = doc.createTable(s.byArea().size() + 2, TABLE_HEADERS.length);
            table.setWidth("100%");
            XWPFTableRow head = table.getRow(0);
            head.setRepeatHeader(true);
            for (int c = 0; c < TABLE_HEADERS.length; c++) {
                cell(head, c, TABLE_HEADERS[c], true);
            }
            int r = 1;
            for (AreaSummary a : s.byArea()) {
                XWPFTableRow row = table.getRow(r++);
                cell(row, 0, a.area(), false);
                cell(row, 1, String.valueOf(a.total()), false);
                cell(row, 2, String.valueOf(a.completed()), false);
                cell(row, 3, String.valueOf(a.ongoing()), false);
                cell(row, 4, String.valueOf(a.delayed()), false);
                cell(row, 5, String.valueOf(a.notStarted()), false);
                cell(row, 6, a.progress() + "%", false);
            }
            XWPFTableRow sum = table.getRow(r);
            cell(sum, 0, "合计", true);
            cell(sum, 1, String.valueOf(s.total()), true);
            cell(sum, 2, String.valueOf(s.completed()), true);
            cell(sum, 3, String.valueOf(s.ongoing()), true);
            cell(sum, 4, String.valueOf(s.delayed()), true);
            cell(sum, 5, String.valueOf(s.notStarted()), true);
            cell(sum, 6, s.progress() + "%", true);

            XWPFParagraph note = doc.createParagraph();
            note.setSpacingBefore(240);
            run(note, "说明：本报告由一座城平台根据三市部门报送、一体化办审核通过的进展数据自动生成；状态按截至日期计算。", 10, false);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(XWPFParagraph p, String text, int size, boolean bold) {
        XWPFRun run = p.createRun();
        run.setText(text);
        run.setFontSize(size);
        run.setBold(bold);
        run.setFontFamily("仿宋");
    }

    private static void cell(XWPFTableRow row, int c, String text, boolean bold) {
        XWPFParagraph p = row.getCell(c).getParagraphs().get(0);
        p.setAlignment(c == 0 ? ParagraphAlignment.LEFT : ParagraphAlignment.CENTER);
        XWPFRun run = p.createRun();
        run.setText(text);
        run.setBold(bold);
        run.setFontSize(11);
    }
}
