package dev.flowline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** The tracking API requests the scenarios send, built as JSON text. */
final class TrackingPayloads {
    private TrackingPayloads() {}

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String createExperiment(String name) {
        return "{\"name\":" + Api.quote(name) + "}";
    }

    static String createRun(String experimentId) {
        return "{\"experiment_id\":" + Api.quote(experimentId) + ",\"start_time\":" + System.currentTimeMillis() + "}";
    }

    /** {@code count} metrics over {@code keys} keys starting at step {@code firstStep}. */
    static String metricBatch(String runId, int count, int keys, long firstStep) {
        StringBuilder json = new StringBuilder(count * 64)
                .append("{\"run_id\":\"")
                .append(runId)
                .append("\",\"metrics\":[");
        long now = System.currentTimeMillis();
        for (int i = 0; i < count; i++) {
            long step = firstStep + i / keys;
            json.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"m")
                    .append(i % keys)
                    .append("\",\"value\":")
                    .append(Math.sin(step + i))
                    .append(",\"timestamp\":")
                    .append(now)
                    .append(",\"step\":")
                    .append(step)
                    .append('}');
        }
        return json.append("]}").toString();
    }

    /** Five params, five metrics and five tags, as in the search scenario's runs. */
    static String searchRunBatch(String runId, Random random) {
        StringBuilder json =
                new StringBuilder(1024).append("{\"run_id\":\"").append(runId).append("\",\"metrics\":[");
        long now = System.currentTimeMillis();
        for (int i = 1; i <= 5; i++) {
            json.append(i == 1 ? "" : ",")
                    .append("{\"key\":\"m")
                    .append(i)
                    .append("\",\"value\":")
                    .append(random.nextDouble())
                    .append(",\"timestamp\":")
                    .append(now)
                    .append(",\"step\":0}");
        }
        json.append("],\"params\":[");
        for (int i = 1; i <= 5; i++) {
            json.append(i == 1 ? "" : ",")
                    .append("{\"key\":\"p")
                    .append(i)
                    .append("\",\"value\":\"")
                    .append((char) ('a' + random.nextInt(5)))
                    .append(i == 1 ? "" : Integer.toString(random.nextInt(100)))
                    .append("\"}");
        }
        json.append("],\"tags\":[");
        for (int i = 1; i <= 5; i++) {
            json.append(i == 1 ? "" : ",")
                    .append("{\"key\":\"t")
                    .append(i)
                    .append("\",\"value\":\"tag-")
                    .append(random.nextInt(1000))
                    .append("\"}");
        }
        return json.append("]}").toString();
    }

    static String logMetric(String runId, double value, long step) {
        return "{\"run_id\":\"" + runId + "\",\"key\":\"single\",\"value\":" + value + ",\"timestamp\":"
                + System.currentTimeMillis() + ",\"step\":" + step + "}";
    }

    static String searchRuns(String experimentId, String filter, String orderBy, int maxResults, String pageToken) {
        StringBuilder json = new StringBuilder("{\"experiment_ids\":[")
                .append(Api.quote(experimentId))
                .append("]");
        if (filter != null) {
            json.append(",\"filter\":").append(Api.quote(filter));
        }
        if (orderBy != null) {
            json.append(",\"order_by\":[").append(Api.quote(orderBy)).append("]");
        }
        if (pageToken != null) {
            json.append(",\"page_token\":").append(Api.quote(pageToken));
        }
        return json.append(",\"max_results\":").append(maxResults).append("}").toString();
    }

    static String runId(JsonNode createRunAnswer) {
        return createRunAnswer.path("run").path("info").path("run_id").asText();
    }
}
