package dev.flowline.core.promptlab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class BlockYamlTest {
    private static final Yaml READER = new Yaml(new SafeConstructor(new LoaderOptions()));

    @Test
    void writesSortedBlockMappingsAndListsAsPyYamlDoes() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "mlflow-env");
        document.put("dependencies", List.of("pip", Map.of("pip", List.of("mlflow[gateway]==2.17.2"))));
        document.put("channels", List.of("conda-forge"));
        document.put("empty", Map.of());
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("params", null);
        nested.put("flag", true);
        document.put("signature", nested);

        assertThat(BlockYaml.dump(document)).isEqualTo("""
                        channels:
                        - "conda-forge"
                        dependencies:
                        - "pip"
                        - pip:
                          - "mlflow[gateway]==2.17.2"
                        empty: {}
                        name: "mlflow-env"
                        signature:
                          flag: true
                          params: null
                        """);
    }

    @Test
    void anyStringReadsBackUnchanged() {
        String tricky = "Say \"hi\" to {{ name }}:\n\t- 'yes' # not a comment \\ ünïcödé 😀 \u0000\u0007\u007f\u0085"
                + "\u2028\ufeff\uffff: true\r\nnull";
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("prompt_template", tricky);
        document.put("prompt_parameters", Map.of("key: with colon", "yes", "true", "null", "- dash", ""));

        Object read = READER.load(BlockYaml.dump(document));

        assertThat(read).isEqualTo(document);
    }
}
