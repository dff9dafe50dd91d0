package dev.flowline.core.promptlab;

import dev.flowline.core.PythonJson;
import dev.flowline.core.tracking.Param;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files MLflow's server logs for a prompt-lab run: {@code eval_results_table.json} (the one row of inputs, prompt,
 * output and output figures the UI's evaluation view reads) and the {@code model/} directory of a pyfunc model with
 * MLflow's prompt-lab loader ({@code mlflow.prompt.promptlab_model}), which {@code mlflow.pyfunc.load_model} turns
 * back into a model that calls the same gateway route with the same template and parameters.
 */
final class PromptLabModel {
    static final String EVAL_RESULTS_TABLE = "eval_results_table.json";
    static final String ARTIFACT_PATH = "model";
    /** The run's {@code mlflow.loggedArtifacts} tag: the evaluation table, as the UI looks for it. */
    static final String LOGGED_ARTIFACTS = PythonJson.dumps(List.of(map("path", EVAL_RESULTS_TABLE, "type", "table")));

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String PARAMETERS_FILE = "parameters.yaml";
    private static final String INPUT_EXAMPLE_FILE = "input_example.json";
    private static final String CONDA_FILE = "conda.yaml";

    private final PromptLabRequest request;
    private final String runId;
    private final String modelUuid;
    private final String utcTimeCreated;

    PromptLabModel(PromptLabRequest request, String runId, String modelUuid, Instant created) {
        this.request = request;
        this.runId = runId;
        this.modelUuid = modelUuid;
        this.utcTimeCreated = UTC_TIME.format(created);
    }

    /** The model as log-model records it in the run's {@code mlflow.log-model.history} tag, before it has flavors. */
    String loggedModelJson() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("run_id", runId);
        model.put("artifact_path", ARTIFACT_PATH);
        model.put("utc_time_created", utcTimeCreated);
        model.put("flavors", Map.of());
        model.put("model_uuid", modelUuid);
        model.put("mlflow_version", request.mlflowVersion());
        return PythonJson.dumps(model);
    }

    /** Every file, by its path under the run's artifact root. */
    Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(EVAL_RESULTS_TABLE, utf8(PythonJson.dumps(evalResultsTable())));
        files.put(ARTIFACT_PATH + "/MLmodel", utf8(BlockYaml.dump(mlmodel())));
        files.put(ARTIFACT_PATH + "/" + PARAMETERS_FILE, utf8(BlockYaml.dump(parameters())));
        files.put(ARTIFACT_PATH + "/" + INPUT_EXAMPLE_FILE, utf8(PythonJson.dumps(inputExample())));
        files.put(ARTIFACT_PATH + "/" + CONDA_FILE, utf8(BlockYaml.dump(condaEnv())));
        files.put(ARTIFACT_PATH + "/requirements.txt", utf8(requirement()));
        return files;
    }

    /** One row: the prompt parameters' values, the prompt, the output, then the output parameters' values. */
    private Map<String, Object> evalResultsTable() {
        List<Object> columns = new ArrayList<>();
        List<Object> row = new ArrayList<>();
        request.promptParameters().forEach(p -> {
            columns.add(p.key());
            row.add(p.value());
        });
        columns.add("prompt");
        columns.add("output");
        row.add(request.modelInput());
        row.add(request.modelOutput());
        request.modelOutputParameters().forEach(p -> {
            columns.add(p.key());
            row.add(p.value());
        });
        return map("columns", columns, "data", List.of(row));
    }

    private Map<String, Object> mlmodel() {
        Map<String, Object> pyfunc = new LinkedHashMap<>();
        pyfunc.put("env", map("conda", CONDA_FILE));
        pyfunc.put("loader_module", "mlflow.prompt.promptlab_model");
        pyfunc.put("parameters_path", PARAMETERS_FILE);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("artifact_path", ARTIFACT_PATH);
        model.put("flavors", map("python_function", pyfunc));
        model.put("mlflow_version", request.mlflowVersion());
        model.put("model_uuid", modelUuid);
        model.put("run_id", runId);
        model.put(
                "saved_input_example_info",
                map("artifact_path", INPUT_EXAMPLE_FILE, "pandas_orient", "split", "type", "dataframe"));
        Map<String, Object> signature = new LinkedHashMap<>();
        signature.put(
                "inputs",
                PythonJson.dumps(request.promptParameters().stream()
                        .map(p -> stringColumn(p.key()))
                        .toList()));
        signature.put("outputs", PythonJson.dumps(List.of(stringColumn("output"))));
        signature.put("params", null);
        model.put("signature", signature);
        model.put("utc_time_created", utcTimeCreated);
        return model;
    }

    /** What the prompt-lab loader reads back: template, route and both parameter sets (a repeated key keeps its last value). */
    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("prompt_template", request.promptTemplate());
        parameters.put("prompt_parameters", asMap(request.promptParameters()));
        parameters.put("model_parameters", asMap(request.modelParameters()));
        parameters.put("model_route", request.modelRoute());
        return parameters;
    }

    /** MLflow's input example {@code {"inputs": [values]}}, saved as the one-column data frame it becomes. */
    private Map<String, Object> inputExample() {
        List<Object> rows = request.promptParameters().stream()
                .map(p -> (Object) List.of(p.value()))
                .toList();
        return map("columns", List.of("inputs"), "data", rows);
    }

    private Map<String, Object> condaEnv() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("channels", List.of("conda-forge"));
        env.put("dependencies", List.of("pip", map("pip", List.of(requirement()))));
        env.put("name", "mlflow-env");
        return env;
    }

    /** The loader is MLflow's own, with its gateway extra, at the version of the UI that made the run. */
    private String requirement() {
        return "mlflow[gateway]==" + request.mlflowVersion();
    }

    private static Map<String, Object> stringColumn(String name) {
        Map<String, Object> column = new LinkedHashMap<>();
        column.put("type", "string");
        column.put("name", name);
        column.put("required", true);
        return column;
    }

    private static Map<String, Object> asMap(List<Param> params) {
        Map<String, Object> values = new LinkedHashMap<>();
        params.forEach(p -> values.put(p.key(), p.value()));
        return values;
    }

    /** An ordered map of the key/value pairs given. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
