import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of bench/intake.sh: the rows one submission writes to the platform's own tables (the application,
 * two materials and the timeline step), inserted with plain JDBC in one transaction per submission, by
 * {@code threads} connections for {@code seconds}. No HTTP, no files, no workflow engine: the floor the
 * platform's intake is compared with. Run with the PostgreSQL driver on the classpath:
 * java -cp postgresql.jar bench/JdbcBaseline.java URL USER PASSWORD ITEM_ID ACCOUNT_ID THREADS SECONDS
 */
public class JdbcBaseline {

    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], password = args[2];
        long item = Long.parseLong(args[3]), account = Long.parseLong(args[4]);
        int threads = Integer.parseInt(args[5]), seconds = Integer.parseInt(args[6]);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] lat = new long[2_000_000];
            latencies.add(lat);
            Thread w = new Thread(() -> {
                int n = 0;
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    PreparedStatement app = c.prepareStatement("""
                            INSERT INTO svc_application (item_id, mode, applicant_account_id, applicant_org_id, applicant_name,
                                applicant_name_mask, applicant_id_number, applicant_id_mask, applicant_phone, applicant_phone_mask,
                                accept_city_code, accept_department, handle_city_code, handle_department, form_data, status, stage,
                                submitted_at, promised_days)
                            VALUES (?, 'PROXY', ?, 1, 'enc-name', '张*', 'enc-id', '430304********0073', 'enc-phone', '139****1111',
                                '430300', '430300-XZSP', '430100', '430100-GJJ', '{}', 'BASELINE', 'windowCheck', ?, 5)""",
                            Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement number = c.prepareStatement("UPDATE svc_application SET number = ? WHERE id = ?");
                    PreparedStatement mat = c.prepareStatement("""
                            INSERT INTO svc_application_material (application_id, name, file_key, original_name, content_type,
                                size_bytes, sm3, round_no, uploaded_at) VALUES (?, 'm', 'k', 'm.pdf', 'application/pdf', 40, 's', 0, ?)""");
                    PreparedStatement step = c.prepareStatement("""
                            INSERT INTO svc_step (application_id, at, step, actor, actor_name) VALUES (?, ?, 'SUBMIT', 'bench', 'bench')""");
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        OffsetDateTime now = OffsetDateTime.now();
                        app.setLong(1, item);
                        app.setLong(2, account);
                        app.setObject(3, now);
                        app.executeUpdate();
                        long id;
                        try (ResultSet k = app.getGeneratedKeys()) {
                            k.next();
                            id = k.getLong(1);
                        }
                        number.setString(1, "BASE" + id);
                        number.setLong(2, id);
                        number.executeUpdate();
                        for (int i = 0; i < 2; i++) {
                            mat.setLong(1, id);
                            mat.setObject(2, now);
                            mat.executeUpdate();
                        }
                        step.setLong(1, id);
                        step.setObject(2, now);
                        step.executeUpdate();
                        c.commit();
                        if (n < lat.length) {
                            lat[n++] = System.nanoTime() - start;
                        }
                        done.incrementAndGet();
                    }
                    lat[lat.length - 1] = n;
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            workers.add(w);
            w.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        List<Long> all = new ArrayList<>();
        for (long[] lat : latencies) {
            int n = (int) lat[lat.length - 1];
            for (int i = 0; i < n; i++) {
                all.add(lat[i]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("plain JDBC, %d connections, %d s: %d submissions, %.0f/s, p50 %.1f ms, p99 %.1f ms%n", threads, seconds,
                done.get(), done.get() / (double) seconds, sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.createStatement().execute("DELETE FROM svc_step WHERE actor = 'bench'");
            c.createStatement().execute("DELETE FROM svc_application_material WHERE file_key = 'k'");
            c.createStatement().execute("DELETE FROM svc_application WHERE status = 'BASELINE'");
        }
    }
}
