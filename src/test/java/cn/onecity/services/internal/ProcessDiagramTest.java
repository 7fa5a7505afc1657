package cn.onecity.services.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

import org.flowable.bpmn.converter.BpmnXMLConverter;
import org.flowable.bpmn.model.BpmnModel;
import org.junit.jupiter.api.Test;

/** The SVG drawn from the processes' DI: every task by name, the current and completed steps marked, valid XML. */
class ProcessDiagramTest {

    static BpmnModel model(String file) throws Exception {
        try (InputStream in = ProcessDiagramTest.class.getResourceAsStream("/processes/" + file)) {
            XMLStreamReader reader = XMLInputFactory.newInstance().createXMLStreamReader(in, "UTF-8");
            return new BpmnXMLConverter().convertToBpmnModel(reader);
        }
    }

    /** The state an activity is drawn in, read from its group's data attributes. */
    static String state(String svg, String activityId) {
        Matcher m = Pattern.compile("data-activity-id=\"" + activityId + "\" data-state=\"(\\w+)\"").matcher(svg);
        return m.find() ? m.group(1) : null;
    }

    @Test
    void theProxyDiagramNamesEveryStepAndMarksTheCurrentTaskOrangeAndThePassedOnesGreen() throws Exception {
        String svg = ProcessDiagram.render(model("proxy.bpmn20.xml"), Set.of("accept", "timer_accept"),
                Set.of("start", "windowCheck", "gwWindow", "f_start_windowCheck", "f_windowCheck_gwWindow", "f_gwWindow_accept"),
                "跨市通办·异地代收代办");

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"")
                .contains("font-family=\"Noto Sans CJK SC, Microsoft YaHei, sans-serif\"");
        for (String name : new String[] {"窗口收件", "受理", "审核", "办结", "送达", "窗口领取", "归档", "超期督办",
                "补正（受理）", "补正（审核）", "收件并转交", "不予受理", "提交申请", "已归档"}) {
            assertThat(svg).as(name).contains(">" + name + "<");
        }
        assertThat(state(svg, "accept")).isEqualTo("active");
        assertThat(svg).contains("font-weight=\"bold\"").contains(ProcessDiagram.ACTIVE_STROKE);
        assertThat(state(svg, "windowCheck")).isEqualTo("completed");
        assertThat(state(svg, "review")).isEqualTo("pending");
        // a waiting timer is not a step of the case, and one that ended with its task without firing was not passed
        assertThat(state(svg, "timer_accept")).isEqualTo("pending");
        String ended = ProcessDiagram.render(model("proxy.bpmn20.xml"), Set.of(), Set.of("accept", "timer_accept"), null);
        assertThat(state(ended, "timer_accept")).isEqualTo("pending");
        String fired = ProcessDiagram.render(model("proxy.bpmn20.xml"), Set.of(), Set.of("timer_accept", "f_timer_accept"), null);
        assertThat(state(fired, "timer_accept")).isEqualTo("completed");
        // an edge whose DI stops short of its target is led on to the target's border (超期督办 at x 530–630)
        assertThat(svg).containsPattern("data-flow-id=\"f_timer_decide\"><polyline[^>]*points=\"835,195 835,320 835,325 630,325\"");
        // and a slanted last segment into a shape level with the point before becomes straight (补正（受理） at y 10–70)
        assertThat(svg).containsPattern("data-flow-id=\"f_gwAccept_supplementAccept\"><polyline[^>]*points=\"470,130 470,40 410,40\"");
        assertThat(svg).contains("<title id=\"diagram-title\">流程图：跨市通办·异地代收代办，当前环节：受理</title>");
        assertThat(svg).contains("data-flow-id=\"f_gwWindow_accept\"").containsPattern("class=\"flow completed\" data-flow-id=\"f_gwWindow_accept\"");
        // exclusive gateways carry their ✕, timers their double ring
        assertThat(svg).contains("class=\"activity gateway").contains("class=\"activity boundary timer");
        // well-formed XML
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void theJointDiagramShowsTheParallelTaskAndEveryDiagramIsWellFormed() throws Exception {
        for (String file : new String[] {"online.bpmn20.xml", "proxy.bpmn20.xml", "joint.bpmn20.xml"}) {
            String svg = ProcessDiagram.render(model(file), Set.of(), Set.of(), null);
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new java.io.ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(svg).doesNotContain("data-state=\"active\"");
        }
        String joint = ProcessDiagram.render(model("joint.bpmn20.xml"), Set.of("jointHandle"), Set.of("start"), null);
        assertThat(joint).contains(">各地并行办理<").contains(">汇总办结<");
        assertThat(state(joint, "jointHandle")).isEqualTo("active");
    }

    @Test
    void textIsEscaped() {
        assertThat(ProcessDiagram.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assertThat(ProcessDiagram.wrap("一二三四五六七八九十", 60, 13)).containsExactly("一二三四", "五六七八", "九十");
    }
}
