package cn.onecity.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code onecity.*}: where all state lives, and whether demo data is loaded. */
@ConfigurationProperties("onecity")
public record OneCityProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Demo demo) {

    public record Demo(@DefaultValue("true") boolean enabled) {
    }

    public Path resolve(String first, String... more) {
        return dataDir.resolve(Path.of(first, more));
    }
}
