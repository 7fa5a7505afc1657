package cn.onecity.healthcard;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.onecity.healthcard.offline.HealthCodes;
import cn.onecity.healthcard.offline.OfflineVerifier;
import cn.onecity.healthcard.offline.Revocations;
import cn.onecity.healthcard.offline.TrustedKey;
import cn.onecity.healthcard.offline.Verification;
import cn.onecity.identity.AuditLog;
import cn.onecity.identity.CurrentUser;
import cn.onecity.identity.Role;
import cn.onecity.shared.ForbiddenException;
import cn.onecity.shared.FromCluster;
import cn.onecity.shared.OneCityProperties;

/**
 * The platform's SM2 key ring for health codes.
 *
 * <p>Keys live in the key directory: {@code onecity.healthcard.key-dir} when set, else
 * {@code <onecity.data-dir>/keys/healthcard}. One file per key, {@code <keyId>.key}, owner-only, in
 * {@link Properties} format:
 * <pre>
 * keyId=ehc-20261201T120000-3fa2
 * privateKey=&lt;64 hex: the SM2 scalar d&gt;
 * publicKey=&lt;130 hex: the uncompressed point 04||X||Y on sm2p256v1&gt;
 * validFrom=2026-12-01T12:00:00Z        (ISO-8601, inclusive)
 * validTo=2027-12-01T12:00:00Z          (ISO-8601, exclusive)
 * </pre>
 * A key pair is generated on first start when the directory holds none, so keys may also be supplied by dropping such
 * files into a configured directory. The current signing key is, among the keys valid now, the one valid for longest. {@link #rotate()} ends the current key's validity at the end of the current second and creates a new current key; old keys stay in
 * the {@link #trustList()}, so the codes they signed remain valid until they expire. When the current key's validity
 * has run out, signing rotates automatically. Thread-safe.
 *
 * <p>Several instances of the platform share one key directory ({@code key-dir} on shared storage). A rotation
 * publishes {@link SigningKeysRotated}, on which the instances read the directory again ({@link #reload()});
 * an instance also reads it again when it meets a code signed with a key it does not hold (at most every
 * {@link #UNKNOWN_KEY_RELOAD_INTERVAL}), and before it rotates a key that has run out by itself, so that the
 * instances agree on one current key.
 */
@Component
public class SigningKeys {

    /** How long a newly generated key may sign. */
    public static final Duration KEY_LIFETIME = Duration.ofDays(365);

    /** How often a code signed with a key this instance does not hold may make it read the key directory again. */
    static final Duration UNKNOWN_KEY_RELOAD_INTERVAL = Duration.ofSeconds(5);

    private static final DateTimeFormatter KEY_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Duration codeValidity;
    private final Clock clock;

    private volatile List<SigningKey> keys;
    private volatile SigningKey current;
    private volatile TrustView trusted;
    private volatile VerifierView verifierView;
    /** The platform's operation log; null for a key ring built outside the platform (tests, tools). */
    private AuditLog audit;
    /** Where rotations are announced; null for a key ring built outside the platform. */
    private ApplicationEventPublisher events;
    /** When a code signed with an unknown key last made this ring read the directory; null: never. */
    private Instant lastUnknownKeyReload;

    /** The trust list derived from one state of the key ring. */
    private record TrustView(List<SigningKey> of, List<TrustedKey> list) {
    }

    @Autowired
    SigningKeys(OneCityProperties properties, @Value("${onecity.healthcard.key-dir:}") String keyDir,
            @Value("${onecity.healthcard.code-validity:PT5M}") Duration codeValidity, Clock clock, AuditLog audit,
            ApplicationEventPublisher events) {
        this(keyDirectory(properties, keyDir), codeValidity, clock);
        this.audit = audit;
        this.events = events;
    }

    /** Over a key directory (created with a first key when it holds none). */
    public SigningKeys(Path directory, Duration codeValidity, Clock clock) {
        if (codeValidity.isNegative() || codeValidity.isZero()) {
            throw new IllegalArgumentException("onecity.healthcard.code-validity must be positive");
        }
        this.directory = directory;
        this.codeValidity = codeValidity;
        this.clock = clock;
        synchronized (this) {
            this.keys = load();
            if (keys.isEmpty()) {
                rotate();
            } else {
                this.current = pickCurrent(keys, clock.instant());
                if (current == null) {
                    rotate();
                }
            }
        }
    }

    static Path keyDirectory(OneCityProperties properties, String configured) {
        return configured == null || configured.isBlank() ? properties.resolve("keys", "healthcard") : Path.of(configured);
    }

    /** The configured validity of a code ({@code onecity.healthcard.code-validity}, 5 minutes by default). */
    public Duration codeValidity() {
        return codeValidity;
    }

    public String currentKeyId() {
        return current.trusted.keyId();
    }

    /** Signs a code for a card, valid for {@link #codeValidity()} from now. */
    public String sign(String cardId) {
        return sign(cardId, codeValidity);
    }

    /** Signs a code for a card (64 lower-case hex), valid for {@code validity} from now (whole seconds). */
    public String sign(String cardId, Duration validity) {
        return sign(cardId, validity, null);
    }

    /**
     * As {@link #sign(String, Duration)}, issued no earlier than {@code notBefore} (whole seconds): after a loss report
     * in the current second, the holder's next code must carry an issued-at after the report to be accepted.
     */
    public String sign(String cardId, Duration validity, Instant notBefore) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (notBefore != null && now.isBefore(notBefore.truncatedTo(ChronoUnit.SECONDS))) {
            now = notBefore.truncatedTo(ChronoUnit.SECONDS);
        }
        SigningKey key = current;
        if (!key.trusted.covers(now)) {
            synchronized (this) {
                if (!current.trusted.covers(now)) {
                    reload(); // another instance may have rotated already
                }
                if (!current.trusted.covers(now)) {
                    announce(rotate());
                }
                key = current;
            }
        }
        long seconds = Math.max(1, validity.getSeconds());
        HealthCodes.Body body = HealthCodes.Body.create(key.trusted.keyId(), cardId, now, now.plusSeconds(seconds));
        return HealthCodes.sign(body, key.signer.get());
    }

    /**
     * Every key, current and retired, for verifiers (a code is trusted when issued within its key's validity). The
     * same list instance until the next rotation, so a verifier built over it can be kept until the list changes.
     */
    public List<TrustedKey> trustList() {
        List<SigningKey> k = keys;
        TrustView view = trusted;
        if (view == null || view.of != k) {
            view = new TrustView(k, k.stream().map(x -> x.trusted).toList());
            trusted = view;
        }
        return view.list;
    }

    /** The trust list as a document signed with the current key (see {@link cn.onecity.healthcard.offline.TrustLists}). */
    public SignedTrustList signedTrustList() {
        SigningKey key = current;
        String document = cn.onecity.healthcard.offline.TrustLists.document(trustList(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        return new SignedTrustList(trustList(), document, key.trusted.keyId(),
                cn.onecity.healthcard.offline.TrustLists.sign(document, key.privateKey));
    }

    /** The keys, and the same list as a signed document. */
    public record SignedTrustList(List<TrustedKey> keys, String document, String signedBy, String signature) {
    }

    /** A verifier over the current trust list (build a new one after a rotation). */
    public OfflineVerifier verifier(Revocations revocations) {
        return new OfflineVerifier(trustList(), revocations);
    }

    /**
     * The platform's own verifier over the current trust list, without revocations (the platform checks the card's
     * row instead): built once per trust list, as building one decodes the keys and sets up each thread's signer.
     */
    OfflineVerifier verifier() {
        List<TrustedKey> list = trustList();
        VerifierView view = verifierView;
        if (view == null || view.of != list) { // rebuilt after a rotation
            view = new VerifierView(list, new OfflineVerifier(list, Revocations.none()));
            verifierView = view;
        }
        return view.verifier;
    }

    private record VerifierView(List<TrustedKey> of, OfflineVerifier verifier) {
    }

    /**
     * An administrator's rotation: ends the current key's validity now and makes a freshly generated key current;
     * returns its key id. Recorded in the operation log.
     *
     * @throws ForbiddenException unless {@code by} is an administrator
     */
    @Transactional
    public String rotate(CurrentUser by) {
        if (by == null || !by.is(Role.ADMIN)) {
            throw new ForbiddenException("仅系统管理员可以轮换签名密钥");
        }
        String keyId = rotate();
        if (audit != null) {
            audit.record("healthcard", "轮换签名密钥", keyId, "旧密钥保留在信任列表中直至其二维码到期");
        }
        announce(keyId);
        return keyId;
    }

    private void announce(String keyId) {
        if (events != null) {
            events.publishEvent(new SigningKeysRotated(keyId));
        }
    }

    /**
     * Reads the key directory again, e.g. after another instance rotated the keys. Keeps the keys it has if the
     * directory holds no key valid now.
     */
    public synchronized void reload() {
        List<SigningKey> loaded = load();
        SigningKey pick = pickCurrent(loaded, clock.instant());
        if (pick == null) {
            return;
        }
        this.keys = loaded;
        this.current = pick;
    }

    @EventListener
    void on(FromCluster<SigningKeysRotated> rotated) {
        reload();
    }

    /**
     * Verifies a code with the platform's verifier at {@code at}. A code signed with a key this instance does not
     * hold makes it read the key directory again (at most every {@link #UNKNOWN_KEY_RELOAD_INTERVAL}) and verify
     * once more: another instance may have just rotated.
     */
    Verification verify(String payload, Instant at) {
        Verification v = verifier().verify(payload, at);
        if (v.reason() == Verification.Reason.UNKNOWN_KEY && v.keyId() != null && !holds(v.keyId()) && reloadForUnknownKey()) {
            v = verifier().verify(payload, at);
        }
        return v;
    }

    private boolean holds(String keyId) {
        return contains(keys, keyId);
    }

    private synchronized boolean reloadForUnknownKey() {
        Instant now = clock.instant();
        if (lastUnknownKeyReload != null && now.isBefore(lastUnknownKeyReload.plus(UNKNOWN_KEY_RELOAD_INTERVAL))
                && !now.isBefore(lastUnknownKeyReload)) {
            return false;
        }
        lastUnknownKeyReload = now;
        reload();
        return true;
    }

    /** Ends the current key's validity now and makes a freshly generated key current; returns its key id. */
    synchronized String rotate() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<SigningKey> next = new ArrayList<>();
        for (SigningKey key : keys) {
            TrustedKey t = key.trusted;
            if (t.validTo() == null || t.validTo().isAfter(now)) {
                // exclusive end one second after now, so codes issued (whole seconds) in this second stay covered
                Instant end = now.isBefore(t.validFrom()) ? t.validFrom() : now.plusSeconds(1);
                SigningKey retired = new SigningKey(new TrustedKey(t.keyId(), t.publicKeyHex(), t.validFrom(), end), key.privateKey);
                save(retired);
                next.add(retired);
            } else {
                next.add(key);
            }
        }
        SigningKey fresh = generate(now, next);
        save(fresh);
        next.add(fresh);
        next.sort(Comparator.comparing((SigningKey k) -> k.trusted.validFrom()).thenComparing(k -> k.trusted.keyId()));
        this.keys = List.copyOf(next);
        this.current = fresh;
        return fresh.trusted.keyId();
    }

    private SigningKey generate(Instant now, List<SigningKey> existing) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(HealthCodes.CURVE, KeyFiles.RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        String keyId;
        do {
            byte[] suffix = new byte[2];
            KeyFiles.RANDOM.nextBytes(suffix);
            keyId = "ehc-" + KEY_ID_TIME.format(now) + "-" + HexFormat.of().formatHex(suffix);
        } while (contains(existing, keyId));
        TrustedKey trusted = new TrustedKey(keyId, HealthCodes.publicKeyHex((ECPublicKeyParameters) pair.getPublic()),
                now, now.plus(KEY_LIFETIME));
        return new SigningKey(trusted, (ECPrivateKeyParameters) pair.getPrivate());
    }

    private static boolean contains(List<SigningKey> keys, String keyId) {
        return keys.stream().anyMatch(k -> k.trusted.keyId().equals(keyId));
    }

    private static SigningKey pickCurrent(List<SigningKey> keys, Instant now) {
        // a retired key may overlap its successor by up to a second: the one valid for longest wins
        return keys.stream().filter(k -> k.trusted.covers(now))
                .max(Comparator.comparing((SigningKey k) -> k.trusted.validTo() == null ? Instant.MAX : k.trusted.validTo())
                        .thenComparing(k -> k.trusted.validFrom()).thenComparing(k -> k.trusted.keyId()))
                .orElse(null);
    }

    private List<SigningKey> load() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<SigningKey> loaded = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.key")) {
            for (Path file : files) {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(file)));
                String validTo = p.getProperty("validTo", "").trim();
                TrustedKey trusted = new TrustedKey(p.getProperty("keyId").trim(), p.getProperty("publicKey").trim(),
                        Instant.parse(p.getProperty("validFrom").trim()), validTo.isEmpty() ? null : Instant.parse(validTo));
                ECPrivateKeyParameters privateKey = HealthCodes.privateKey(p.getProperty("privateKey").trim());
                if (!HealthCodes.publicKeyHex(new ECPublicKeyParameters(HealthCodes.CURVE.getG().multiply(privateKey.getD()).normalize(), HealthCodes.CURVE))
                        .equals(HealthCodes.publicKeyHex(HealthCodes.publicKey(trusted.publicKeyHex())))) {
                    throw new IllegalStateException("the private and public key in " + file + " do not match");
                }
                loaded.add(new SigningKey(trusted, privateKey));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the health card keys in " + directory, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("invalid health card key file in " + directory + ": " + e.getMessage(), e);
        }
        loaded.sort(Comparator.comparing((SigningKey k) -> k.trusted.validFrom()).thenComparing(k -> k.trusted.keyId()));
        return List.copyOf(loaded);
    }

    private void save(SigningKey key) {
        TrustedKey t = key.trusted;
        String content = "# OneCity 电子健康卡 SM2 signing key (keep secret)\n"
                + "keyId=" + t.keyId() + "\n"
                + "privateKey=" + HealthCodes.privateKeyHex(key.privateKey) + "\n"
                + "publicKey=" + t.publicKeyHex() + "\n"
                + "validFrom=" + t.validFrom() + "\n"
                + "validTo=" + (t.validTo() == null ? "" : t.validTo()) + "\n";
        try {
            KeyFiles.write(directory.resolve(t.keyId() + ".key"), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the health card key " + t.keyId(), e);
        }
    }

    /** A key with one initialised signer per thread (initialising derives the public key: do it once). */
    private static final class SigningKey {

        final TrustedKey trusted;
        final ECPrivateKeyParameters privateKey;
        final ThreadLocal<SM2Signer> signer;

        SigningKey(TrustedKey trusted, ECPrivateKeyParameters privateKey) {
            this.trusted = trusted;
            this.privateKey = privateKey;
            this.signer = ThreadLocal.withInitial(() -> {
                SM2Signer s = new SM2Signer();
                s.init(true, HealthCodes.signingParameters(HealthCodes.threadPrivate(privateKey))); // no shared-point locks
                return s;
            });
        }
    }
}
