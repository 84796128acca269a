package dev.facerec.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The console's modules as packaged, read the way the browser reads them, without a browser: every import resolves
 * to a file, every name imported is exported there, and nothing in the markup or the code would need the
 * Content-Security-Policy's 'unsafe-inline' or 'unsafe-eval' (inline scripts, inline event handlers, style
 * attributes, eval). The browser tests show the screens; this shows a broken import before a browser is started.
 */
class ConsoleModulesTest {
    private static final String ROOT = "facerec-console/";
    private static final Pattern IMPORT =
            Pattern.compile("import\\s*\\{([^}]*)}\\s*from\\s*'([^']+)';", Pattern.MULTILINE);
    private static final Pattern EXPORT =
            Pattern.compile("export\\s+(?:async\\s+)?(?:function|const|let|class)\\s+(\\w+)");
    private static final Pattern SCRIPT_SRC = Pattern.compile("<script[^>]*src=\"/console/([^\"]+)\"");

    @Test
    void everyImportResolvesToAnExportedName() throws IOException {
        String page = read("index.html");
        Matcher entry = SCRIPT_SRC.matcher(page);
        assertThat(entry.find()).as("index.html loads a module from /console/").isTrue();

        Set<String> seen = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(entry.group(1)));
        List<String> problems = new ArrayList<>();
        while (!pending.isEmpty()) {
            String module = pending.pop();
            if (!seen.add(module)) {
                continue;
            }
            String source = read(module);
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String target = URI.create(module).resolve(imports.group(2)).toString();
                String exported = exists(target) ? read(target) : null;
                if (exported == null) {
                    problems.add(module + " imports the missing " + target);
                    continue;
                }
                Set<String> names = exportedNames(exported);
                for (String name : imports.group(1).split(",")) {
                    if (!name.isBlank() && !names.contains(name.strip())) {
                        problems.add(module + " imports " + name.strip() + ", which " + target + " does not export");
                    }
                }
                pending.add(target);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(seen).as("the screens are reached from main.js").contains("app/screens/person.js");
    }

    @Test
    void nothingNeedsUnsafeInlineOrEval() throws IOException {
        String page = read("index.html");
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        assertThat(page).doesNotContainPattern("\\son[a-z]+=\"");
        assertThat(page).doesNotContainPattern("\\sstyle=\"");
        assertThat(page).doesNotContain("<style");
        for (String module : List.of(
                "app/main.js", "app/dom.js", "app/ui.js", "app/photo.js", "app/api.js", "app/screens/person.js")) {
            String source = read(module);
            assertThat(source).as(module).doesNotContain("eval(", "new Function(", "innerHTML", "setAttribute('style'");
        }
    }

    @Test
    void tokensAreNeverWrittenToBrowserStorageOrCookies() throws IOException {
        String api = read("app/api.js");
        assertThat(api).doesNotContain("localStorage", "sessionStorage", "document.cookie", "indexedDB");
        assertThat(api).contains("credentials: 'omit'");
    }

    private static Set<String> exportedNames(String source) {
        Set<String> names = new LinkedHashSet<>();
        Matcher exports = EXPORT.matcher(source);
        while (exports.find()) {
            names.add(exports.group(1));
        }
        return names;
    }

    private static boolean exists(String path) {
        return ConsoleModulesTest.class.getClassLoader().getResource(ROOT + path) != null;
    }

    private static String read(String path) throws IOException {
        try (InputStream in = ConsoleModulesTest.class.getClassLoader().getResourceAsStream(ROOT + path)) {
            assertThat(in).as(ROOT + path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
