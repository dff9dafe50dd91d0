package dev.flowline.server.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.core.promptlab.PromptLabRequest;
import dev.flowline.core.promptlab.PromptLabRuns;
import dev.flowline.core.promptlab.PythonStr;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import io.helidon.http.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The web UI's record of a prompt-engineering try, {@code POST /ajax-api/2.0/mlflow/runs/create-promptlab-run} (MLflow
 * serves it under that prefix only): answers {@code {"run": …}} as {@code runs/create} does.
 */
public final class PromptLabApi implements Api {
    private final PromptLabRuns runs;

    public PromptLabApi(PromptLabRuns runs) {
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    @Override
    public void routes(RouteTable table) {
        table.rawJson(Method.POST, "/ajax-api/2.0/mlflow/runs/create-promptlab-run", this::create);
    }

    private Object create(ApiRequest request) {
        RequestArgs args = request.args();
        return RunsJson.run(runs.create(new PromptLabRequest(
                args.string("experiment_id").orElse(null),
                args.string("run_name").orElse(null),
                TrackingArgs.keyValues(args, "tags", RunTag::new),
                args.string("prompt_template").orElse(null),
                params(args, "prompt_parameters"),
                args.string("model_route").orElse(null),
                params(args, "model_parameters"),
                args.string("model_input").orElse(null),
                args.string("model_output").orElse(null),
                params(args, "model_output_parameters"),
                args.string("mlflow_version").orElse(null),
                args.string("user_id").orElse(null),
                args.longValue("start_time").orElse(null))));
    }

    /**
     * A list of {@code {key, value}} whose values may be any JSON (the UI sends numbers for a temperature), turned into
     * strings as MLflow's {@code str()} does; an entry without a string key fails the whole field.
     */
    private static List<Param> params(RequestArgs args, String field) {
        List<Param> params = new ArrayList<>();
        for (RequestArgs item : args.objects(field)) {
            String key = item.string("key").filter(k -> !k.isEmpty()).orElseThrow(() -> args.invalid(field));
            JsonNode value = item.json().get("value");
            params.add(new Param(key, PythonStr.of(value)));
        }
        return params;
    }
}
