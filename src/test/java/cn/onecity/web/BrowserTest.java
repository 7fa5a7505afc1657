package cn.onecity.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;

/**
 * Marks a test that drives Debian's Chromium through Playwright. Excluded from {@code mvn test};
 * {@code mvn test -Pbrowser} (the third step of .ci/run) runs exactly these.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
public @interface BrowserTest {
}
