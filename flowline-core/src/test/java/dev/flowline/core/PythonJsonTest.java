package dev.flowline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
    @Test
    void separatesItemsAsJsonDumpsDoes() {
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", List.of("k", "prompt"));
        table.put("data", List.of(Arrays.asList("v", null)));
        table.put("ok", true);
        table.put("empty", Map.of());

        assertThat(PythonJson.dumps(table))
                .isEqualTo(
                        "{\"columns\": [\"k\", \"prompt\"], \"data\": [[\"v\", null]], \"ok\": true, \"empty\": {}}");
    }

    @Test
    void escapesEverythingOutsidePrintableAsciiAsJsonDumpsDoes() {
        assertThat(PythonJson.dumps("a\"b\\c\nd\te\u0001é😀\u007f"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\\u00e9\\ud83d\\ude00\\u007f\"");
    }
}
