package cn.onecity.services.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.flowable.bpmn.model.BoundaryEvent;
import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.EndEvent;
import org.flowable.bpmn.model.Event;
import org.flowable.bpmn.model.ExclusiveGateway;
import org.flowable.bpmn.model.FlowElement;
import org.flowable.bpmn.model.Gateway;
import org.flowable.bpmn.model.GraphicInfo;
import org.flowable.bpmn.model.ParallelGateway;
import org.flowable.bpmn.model.SequenceFlow;
import org.flowable.bpmn.model.ServiceTask;
import org.flowable.bpmn.model.StartEvent;
import org.flowable.bpmn.model.Task;
import org.flowable.bpmn.model.TimerEventDefinition;
import org.flowable.bpmn.model.UserTask;
import org.flowable.engine.HistoryService;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.history.HistoricActivityInstance;
import org.flowable.engine.history.HistoricProcessInstance;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import cn.onecity.services.Mode;
import cn.onecity.shared.NotFoundException;

/**
 * Draws a deployed BPMN process as SVG from its diagram interchange (DI) coordinates: tasks, events, gateways,
 * boundary timers and sequence flows with their names. For a case, the activities it waits in are orange and
 * the ones it has passed are green. Flowable's own PNG generator is not used: it needs AWT fonts for Chinese.
 */
@Component
class ProcessDiagram {

    static final String FONT = "Noto Sans CJK SC, Microsoft YaHei, sans-serif";
    static final String ACTIVE_STROKE = "#e8710a";
    static final String ACTIVE_FILL = "#fff1e0";
    static final String DONE_STROKE = "#1e8e3e";
    static final String DONE_FILL = "#e6f4ea";
    static final String STROKE = "#56626f";
    static final String TEXT = "#1f2328";
    private static final double MARGIN = 20;
    private static final double LEGEND_HEIGHT = 30;

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final HistoryService history;

    ProcessDiagram(RepositoryService repository, RuntimeService runtime, HistoryService history) {
        this.repository = repository;
        this.runtime = runtime;
        this.history = history;
    }

    /** The latest deployed version of a process, by key ({@code svcProxy}) or by mode ({@code PROXY}, 异地代收代办). */
    String definition(String keyOrMode) {
        String key = Mode.parse(keyOrMode).map(Mode::processKey).orElse(keyOrMode);
        boolean known = false;
        for (Mode m : Mode.values()) {
            known |= m.processKey().equals(key);
        }
        ProcessDefinition def = !known ? null
                : repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
        if (def == null) {
            throw new NotFoundException("流程图不存在");
        }
        return render(repository.getBpmnModel(def.getId()), Set.of(), Set.of(), def.getName());
    }

    /** The diagram of one process instance, running or finished, with its current and completed activities. */
    String instance(String processInstanceId) {
        if (processInstanceId == null) {
            throw new NotFoundException("该申请没有办理流程");
        }
        String definitionId;
        Set<String> active = new LinkedHashSet<>();
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        if (running != null) {
            definitionId = running.getProcessDefinitionId();
            active.addAll(runtime.getActiveActivityIds(processInstanceId));
        } else {
            HistoricProcessInstance done = history.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId)
                    .singleResult();
            if (done == null) {
                throw new NotFoundException("该申请没有办理流程");
            }
            definitionId = done.getProcessDefinitionId();
        }
        Set<String> completed = new LinkedHashSet<>();
        for (HistoricActivityInstance a : history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .finished().list()) {
            // an activity cut short (a withdrawn case's open task) was not completed
            if (a.getDeleteReason() == null) {
                completed.add(a.getActivityId());
            }
        }
        ProcessDefinition def = repository.getProcessDefinition(definitionId);
        return render(repository.getBpmnModel(definitionId), active, completed, def.getName());
    }

    // ------------------------------------------------------------------------------------------ drawing

    /**
     * The SVG of a model. {@code active} activities (waiting now) are drawn orange and bold, {@code completed}
     * activities and flows green; an id in both counts as active (a step that is being repeated).
     */
    static String render(BpmnModel model, Set<String> active, Set<String> completed, String title) {
        Collection<FlowElement> elements = model.getMainProcess().getFlowElements();
        // waiting timers are executions too, but not steps of the case
        Set<String> current = new LinkedHashSet<>();
        for (String id : active) {
            if (!(model.getFlowElement(id) instanceof BoundaryEvent)) {
                current.add(id);
            }
        }
        double maxX = 0;
        double maxY = 0;
        for (FlowElement e : elements) {
            GraphicInfo g = model.getGraphicInfo(e.getId());
            if (g != null) {
                maxX = Math.max(maxX, g.getX() + g.getWidth());
                maxY = Math.max(maxY, g.getY() + g.getHeight() + (e instanceof Event ? 16 : 0));
            }
            List<GraphicInfo> points = model.getFlowLocationGraphicInfo(e.getId());
            if (points != null) {
                for (GraphicInfo p : points) {
                    maxX = Math.max(maxX, p.getX());
                    maxY = Math.max(maxY, p.getY());
                }
            }
        }
        double width = Math.ceil(maxX + MARGIN);
        double height = Math.ceil(maxY + MARGIN + (active.isEmpty() && completed.isEmpty() ? 0 : LEGEND_HEIGHT));
        String name = title == null ? model.getMainProcess().getName() : title;
        StringBuilder svg = new StringBuilder(8192);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" role=\"img\" aria-labelledby=\"diagram-title\"")
                .append(" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" viewBox=\"0 0 ").append(n(width)).append(' ').append(n(height))
                .append("\" font-family=\"").append(FONT).append("\" font-size=\"13\">\n");
        svg.append("<title id=\"diagram-title\">").append(esc("流程图：" + (name == null ? "" : name)))
                .append(current.isEmpty() ? "" : "，当前环节：" + esc(names(model, current))).append("</title>\n");
        svg.append("<defs>\n");
        marker(svg, "arrow", STROKE);
        marker(svg, "arrow-done", DONE_STROKE);
        svg.append("</defs>\n");
        svg.append("<rect x=\"0\" y=\"0\" width=\"").append(n(width)).append("\" height=\"").append(n(height))
                .append("\" fill=\"#ffffff\"/>\n");

        // flows first, so that shapes are drawn over their ends
        for (FlowElement e : elements) {
            if (e instanceof SequenceFlow f) {
                flow(svg, model, f, completed.contains(f.getId()));
            }
        }
        for (FlowElement e : elements) {
            if (e instanceof BoundaryEvent || e instanceof SequenceFlow) {
                continue;
            }
            GraphicInfo g = model.getGraphicInfo(e.getId());
            if (g == null) {
                continue;
            }
            String state = current.contains(e.getId()) ? "active" : completed.contains(e.getId()) ? "completed" : "pending";
            if (e instanceof Task t) {
                task(svg, g, t, state);
            } else if (e instanceof Gateway gw) {
                gateway(svg, g, gw, state);
            } else if (e instanceof Event ev) {
                event(svg, g, ev, state);
            }
        }
        // boundary timers sit on their task's border: drawn last
        for (FlowElement e : elements) {
            if (e instanceof BoundaryEvent b) {
                GraphicInfo g = model.getGraphicInfo(b.getId());
                // a timer ends with its task whether it fired or not: it counts as passed only when it fired
                boolean fired = b.getOutgoingFlows().stream().anyMatch(f -> completed.contains(f.getId()));
                if (g != null) {
                    boundary(svg, g, b, fired ? "completed" : "pending");
                }
            }
        }
        if (!current.isEmpty() || !completed.isEmpty()) {
            legend(svg, height);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String names(BpmnModel model, Set<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            FlowElement e = model.getFlowElement(id);
            out.add(e == null || e.getName() == null ? id : e.getName());
        }
        return String.join("、", out);
    }

    private static void marker(StringBuilder svg, String id, String colour) {
        svg.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\"")
                .append(" markerHeight=\"8\" orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\">")
                .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(colour).append("\"/></marker>\n");
    }

    private static void flow(StringBuilder svg, BpmnModel model, SequenceFlow f, boolean done) {
        List<GraphicInfo> points = model.getFlowLocationGraphicInfo(f.getId());
        if (points == null || points.size() < 2) {
            return;
        }
        points = reachTarget(points, model.getGraphicInfo(f.getTargetRef()));
        String colour = done ? DONE_STROKE : STROKE;
        svg.append("<g class=\"flow").append(done ? " completed" : "").append("\" data-flow-id=\"").append(esc(f.getId()))
                .append("\">");
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"").append(done ? "2" : "1.4")
                .append("\" marker-end=\"url(#").append(done ? "arrow-done" : "arrow").append(")\" points=\"");
        for (GraphicInfo p : points) {
            svg.append(n(p.getX())).append(',').append(n(p.getY())).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>");
        if (f.getName() != null && !f.getName().isBlank()) {
            GraphicInfo label = model.getLabelGraphicInfo(f.getId());
            double x;
            double y;
            String anchor = "middle";
            List<String> lines = List.of(f.getName());
            if (label != null) {
                x = label.getX() + label.getWidth() / 2;
                y = label.getY() + label.getHeight() / 2 + 4;
            } else {
                // the first segment: the one that leaves the gateway the name belongs to
                GraphicInfo a = points.get(0);
                GraphicInfo b = points.get(1);
                if (Math.abs(a.getX() - b.getX()) < 1) {
                    x = a.getX() + 5;
                    y = (a.getY() + b.getY()) / 2 + 4;
                    anchor = "start";
                } else {
                    x = (a.getX() + b.getX()) / 2;
                    y = (a.getY() + b.getY()) / 2 - 5;
                    // a name longer than a short segment is wrapped so that it stays between the shapes
                    double room = Math.abs(b.getX() - a.getX()) - 6;
                    if (width(f.getName(), 11) > room) {
                        lines = wrap(f.getName(), Math.max(room, 22), 11);
                    }
                }
            }
            for (int i = 0; i < lines.size(); i++) {
                text(svg, x, y - (lines.size() - 1 - i) * 12, lines.get(i), 11, anchor, done ? DONE_STROKE : "#3d4750",
                        false, true);
            }
        }
        svg.append("<title>").append(esc(f.getName() == null ? "顺序流" : f.getName())).append("</title></g>\n");
    }

    /**
     * The waypoints of a flow, extended with right-angled segments to its target's border when the DI leaves the
     * last point short of the target, so that every arrow visibly ends at the shape it leads to.
     */
    static List<GraphicInfo> reachTarget(List<GraphicInfo> points, GraphicInfo target) {
        if (target == null) {
            return points;
        }
        GraphicInfo last = points.get(points.size() - 1);
        double tol = 3;
        boolean touches = last.getX() >= target.getX() - tol && last.getX() <= target.getX() + target.getWidth() + tol
                && last.getY() >= target.getY() - tol && last.getY() <= target.getY() + target.getHeight() + tol;
        if (touches) {
            // a slanted last segment into a shape that the previous point is level with becomes a straight one
            GraphicInfo prev = points.get(points.size() - 2);
            boolean slanted = Math.abs(prev.getX() - last.getX()) > 0.5 && Math.abs(prev.getY() - last.getY()) > 0.5;
            if (slanted && prev.getY() > target.getY() && prev.getY() < target.getY() + target.getHeight()
                    && (prev.getX() < target.getX() || prev.getX() > target.getX() + target.getWidth())) {
                List<GraphicInfo> out = new ArrayList<>(points.subList(0, points.size() - 1));
                out.add(new GraphicInfo(prev.getX() < target.getX() ? target.getX() : target.getX() + target.getWidth(), prev.getY()));
                return out;
            }
            if (slanted && prev.getX() > target.getX() && prev.getX() < target.getX() + target.getWidth()
                    && (prev.getY() < target.getY() || prev.getY() > target.getY() + target.getHeight())) {
                List<GraphicInfo> out = new ArrayList<>(points.subList(0, points.size() - 1));
                out.add(new GraphicInfo(prev.getX(), prev.getY() < target.getY() ? target.getY() : target.getY() + target.getHeight()));
                return out;
            }
            return points;
        }
        List<GraphicInfo> out = new ArrayList<>(points);
        double cy = target.getY() + target.getHeight() / 2;
        if (last.getX() < target.getX() || last.getX() > target.getX() + target.getWidth()) {
            // beside the target: down or up to its middle, then across to its near side
            double edgeX = last.getX() < target.getX() ? target.getX() : target.getX() + target.getWidth();
            // level with the target already (its top or bottom edge): across just inside that edge, else across its middle
            double y = last.getY() >= target.getY() && last.getY() <= target.getY() + target.getHeight()
                    ? Math.min(Math.max(last.getY(), target.getY() + 5), target.getY() + target.getHeight() - 5) : cy;
            if (Math.abs(last.getY() - y) > 0.5) {
                out.add(new GraphicInfo(last.getX(), y));
            }
            out.add(new GraphicInfo(edgeX, y));
        } else {
            // above or below it: straight to its near edge
            out.add(new GraphicInfo(last.getX(), last.getY() < target.getY() ? target.getY() : target.getY() + target.getHeight()));
        }
        return out;
    }

    private static void task(StringBuilder svg, GraphicInfo g, Task t, String state) {
        String stroke = stroke(state);
        String fill = "active".equals(state) ? ACTIVE_FILL : "completed".equals(state) ? DONE_FILL : "#ffffff";
        svg.append("<g class=\"activity task ").append(state).append("\" data-activity-id=\"").append(esc(t.getId()))
                .append("\" data-state=\"").append(state).append("\">");
        svg.append("<rect x=\"").append(n(g.getX())).append("\" y=\"").append(n(g.getY())).append("\" width=\"")
                .append(n(g.getWidth())).append("\" height=\"").append(n(g.getHeight()))
                .append("\" rx=\"10\" ry=\"10\" fill=\"").append(fill).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"").append("active".equals(state) ? "3" : "completed".equals(state) ? "2" : "1.4")
                .append("\"/>");
        double ix = g.getX() + 6;
        double iy = g.getY() + 6;
        if (t instanceof UserTask) {
            // a small person: head and shoulders
            svg.append("<circle cx=\"").append(n(ix + 5)).append("\" cy=\"").append(n(iy + 3)).append("\" r=\"3\" fill=\"none\" stroke=\"")
                    .append(stroke).append("\"/><path d=\"M").append(n(ix)).append(',').append(n(iy + 12)).append(" Q")
                    .append(n(ix + 5)).append(',').append(n(iy + 4)).append(' ').append(n(ix + 10)).append(',')
                    .append(n(iy + 12)).append("\" fill=\"none\" stroke=\"").append(stroke).append("\"/>");
        } else if (t instanceof ServiceTask) {
            // a small gear: a ring with four teeth
            double cx = ix + 5;
            double cy = iy + 5;
            svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"3.5\" fill=\"none\" stroke=\"")
                    .append(stroke).append("\" stroke-width=\"1.6\"/><path d=\"M").append(n(cx)).append(',').append(n(cy - 6))
                    .append(" V").append(n(cy + 6)).append(" M").append(n(cx - 6)).append(',').append(n(cy)).append(" H")
                    .append(n(cx + 6)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.2\"/>");
        }
        if (t.hasMultiInstanceLoopCharacteristics()) {
            // parallel multi-instance: three vertical bars at the bottom
            double bx = g.getX() + g.getWidth() / 2 - 6;
            double by = g.getY() + g.getHeight() - 14;
            for (int i = 0; i < 3; i++) {
                svg.append("<rect x=\"").append(n(bx + i * 5)).append("\" y=\"").append(n(by)).append("\" width=\"2\" height=\"10\" fill=\"")
                        .append(stroke).append("\"/>");
            }
        }
        List<String> lines = wrap(t.getName() == null ? t.getId() : t.getName(), g.getWidth() - 10, 13);
        double lineHeight = 16;
        double y0 = g.getY() + g.getHeight() / 2 - (lines.size() - 1) * lineHeight / 2 + 5;
        for (int i = 0; i < lines.size(); i++) {
            text(svg, g.getX() + g.getWidth() / 2, y0 + i * lineHeight, lines.get(i), 13, "middle",
                    "active".equals(state) ? "#8a3c00" : TEXT, "active".equals(state), false);
        }
        svg.append("<title>").append(esc(title(t.getName(), state))).append("</title></g>\n");
    }

    private static void gateway(StringBuilder svg, GraphicInfo g, Gateway gw, String state) {
        String stroke = stroke(state);
        double cx = g.getX() + g.getWidth() / 2;
        double cy = g.getY() + g.getHeight() / 2;
        double hw = g.getWidth() / 2;
        double hh = g.getHeight() / 2;
        svg.append("<g class=\"activity gateway ").append(state).append("\" data-activity-id=\"").append(esc(gw.getId()))
                .append("\" data-state=\"").append(state).append("\">");
        svg.append("<path d=\"M").append(n(cx)).append(',').append(n(cy - hh)).append(" L").append(n(cx + hw)).append(',')
                .append(n(cy)).append(" L").append(n(cx)).append(',').append(n(cy + hh)).append(" L").append(n(cx - hw))
                .append(',').append(n(cy)).append(" Z\" fill=\"").append("completed".equals(state) ? DONE_FILL : "#ffffff")
                .append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.6\"/>");
        if (gw instanceof ExclusiveGateway) {
            double d = Math.min(hw, hh) * 0.38;
            svg.append("<path d=\"M").append(n(cx - d)).append(',').append(n(cy - d)).append(" L").append(n(cx + d)).append(',')
                    .append(n(cy + d)).append(" M").append(n(cx + d)).append(',').append(n(cy - d)).append(" L")
                    .append(n(cx - d)).append(',').append(n(cy + d)).append("\" stroke=\"").append(stroke)
                    .append("\" stroke-width=\"3\" stroke-linecap=\"round\"/>");
        } else if (gw instanceof ParallelGateway) {
            double d = Math.min(hw, hh) * 0.5;
            svg.append("<path d=\"M").append(n(cx)).append(',').append(n(cy - d)).append(" V").append(n(cy + d)).append(" M")
                    .append(n(cx - d)).append(',').append(n(cy)).append(" H").append(n(cx + d)).append("\" stroke=\"")
                    .append(stroke).append("\" stroke-width=\"3\"/>");
        }
        if (gw.getName() != null && !gw.getName().isBlank()) {
            // upper left: the flows leave a gateway up, right and down
            text(svg, g.getX() - 2, g.getY() + 2, gw.getName(), 11, "end", "#3d4750", false, true);
        }
        svg.append("<title>").append(esc(title(gw.getName(), state))).append("</title></g>\n");
    }

    private static void event(StringBuilder svg, GraphicInfo g, Event ev, String state) {
        String stroke = stroke(state);
        double cx = g.getX() + g.getWidth() / 2;
        double cy = g.getY() + g.getHeight() / 2;
        double r = Math.min(g.getWidth(), g.getHeight()) / 2;
        boolean end = ev instanceof EndEvent;
        String fill = "active".equals(state) ? ACTIVE_FILL : "completed".equals(state) ? DONE_FILL : "#ffffff";
        svg.append("<g class=\"activity event ").append(end ? "end " : ev instanceof StartEvent ? "start " : "").append(state)
                .append("\" data-activity-id=\"").append(esc(ev.getId())).append("\" data-state=\"").append(state).append("\">");
        svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(end ? r - 1.5 : r))
                .append("\" fill=\"").append(fill).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(end ? "4" : "1.6").append("\"/>");
        if (ev.getName() != null && !ev.getName().isBlank()) {
            text(svg, cx, g.getY() + g.getHeight() + 14, ev.getName(), 11, "middle", TEXT, false, true);
        }
        svg.append("<title>").append(esc(title(ev.getName(), state))).append("</title></g>\n");
    }

    private static void boundary(StringBuilder svg, GraphicInfo g, BoundaryEvent b, String state) {
        String stroke = "completed".equals(state) ? DONE_STROKE : STROKE;
        double cx = g.getX() + g.getWidth() / 2;
        double cy = g.getY() + g.getHeight() / 2;
        double r = Math.min(g.getWidth(), g.getHeight()) / 2;
        boolean timer = b.getEventDefinitions().stream().anyMatch(d -> d instanceof TimerEventDefinition);
        svg.append("<g class=\"activity boundary").append(timer ? " timer" : "").append(' ').append(state)
                .append("\" data-activity-id=\"").append(esc(b.getId())).append("\" data-state=\"").append(state).append("\">");
        svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"#ffffff\" stroke=\"").append(stroke).append("\" stroke-width=\"1.4\"")
                .append(b.isCancelActivity() ? "" : " stroke-dasharray=\"3,2\"").append("/>");
        svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r - 3))
                .append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"1.2\"/>");
        if (timer) {
            double cr = r - 7;
            svg.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(cr))
                    .append("\" fill=\"#ffffff\" stroke=\"").append(stroke).append("\" stroke-width=\"1.2\"/>");
            svg.append("<path d=\"M").append(n(cx)).append(',').append(n(cy)).append(" V").append(n(cy - cr + 2)).append(" M")
                    .append(n(cx)).append(',').append(n(cy)).append(" L").append(n(cx + cr * 0.6)).append(',')
                    .append(n(cy + cr * 0.25)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"1.4\" stroke-linecap=\"round\"/>");
        }
        if (b.getName() != null && !b.getName().isBlank()) {
            text(svg, g.getX() + g.getWidth() + 2, g.getY() + g.getHeight() - 2, b.getName(), 10, "start", "#3d4750", false, true);
        }
        svg.append("<title>").append(esc((b.getName() == null ? "边界事件" : b.getName()) + (timer ? "（定时）" : "")))
                .append("</title></g>\n");
    }

    private static void legend(StringBuilder svg, double height) {
        double y = height - 18;
        svg.append("<g class=\"legend\" font-size=\"11\">");
        svg.append("<rect x=\"").append(n(MARGIN)).append("\" y=\"").append(n(y - 9)).append("\" width=\"16\" height=\"12\" rx=\"3\" fill=\"")
                .append(ACTIVE_FILL).append("\" stroke=\"").append(ACTIVE_STROKE).append("\" stroke-width=\"2.5\"/>");
        text(svg, MARGIN + 22, y + 1, "当前环节", 11, "start", TEXT, false, false);
        svg.append("<rect x=\"").append(n(MARGIN + 90)).append("\" y=\"").append(n(y - 9)).append("\" width=\"16\" height=\"12\" rx=\"3\" fill=\"")
                .append(DONE_FILL).append("\" stroke=\"").append(DONE_STROKE).append("\" stroke-width=\"2\"/>");
        text(svg, MARGIN + 112, y + 1, "已完成", 11, "start", TEXT, false, false);
        svg.append("<rect x=\"").append(n(MARGIN + 170)).append("\" y=\"").append(n(y - 9)).append("\" width=\"16\" height=\"12\" rx=\"3\" fill=\"#ffffff\" stroke=\"")
                .append(STROKE).append("\" stroke-width=\"1.4\"/>");
        text(svg, MARGIN + 192, y + 1, "未经过", 11, "start", TEXT, false, false);
        svg.append("</g>\n");
    }

    private static String stroke(String state) {
        return "active".equals(state) ? ACTIVE_STROKE : "completed".equals(state) ? DONE_STROKE : STROKE;
    }

    private static String title(String name, String state) {
        String label = "active".equals(state) ? "（当前环节）" : "completed".equals(state) ? "（已完成）" : "";
        return (name == null ? "" : name) + label;
    }

    private static void text(StringBuilder svg, double x, double y, String s, int size, String anchor, String colour,
            boolean bold, boolean halo) {
        svg.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(size)
                .append("\" text-anchor=\"").append(anchor).append("\" fill=\"").append(colour).append('"');
        if (bold) {
            svg.append(" font-weight=\"bold\"");
        }
        if (halo) {
            svg.append(" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"");
        }
        svg.append('>').append(esc(s)).append("</text>");
    }

    /** The width of a text: CJK characters count one em, others about half. */
    static double width(String s, int fontSize) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) < 0x2E80 ? fontSize * 0.6 : fontSize;
        }
        return w;
    }

    /** Splits a name into lines that fit a width: CJK characters count one em, others about half. */
    static List<String> wrap(String s, double width, int fontSize) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        double used = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            double w = c < 0x2E80 ? fontSize * 0.6 : fontSize;
            if (used + w > width && line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
                used = 0;
            }
            line.append(c);
            used += w;
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String n(double d) {
        if (d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
