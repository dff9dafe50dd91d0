package dev.flowline.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code mlflow/registered-models/*} over HTTP: shapes, rules and errors as MLflow's. */
class RegisteredModelsApiTest extends RegistryServerTest {

    @Test
    void createReturnsTheModelWithTagsAndDescription() {
        String name = unique("create");
        JsonNode model = api.post(
                        MODELS + "create",
                        body().put("name", name).put("description", "a model").set("tags", JsonBodies.of("team", "ml")))
                .assertOk()
                .path("registered_model");

        assertThat(model.path("name").asText()).isEqualTo(name);
        assertThat(model.path("description").asText()).isEqualTo("a model");
        assertThat(model.path("creation_timestamp").isNumber()).isTrue();
        assertThat(model.path("last_updated_timestamp").asLong())
                .isEqualTo(model.path("creation_timestamp").asLong());
        assertThat(model.path("tags").toString()).isEqualTo("[{\"key\":\"team\",\"value\":\"ml\"}]");
        assertThat(model.has("latest_versions")).isFalse();
        assertThat(api.get(MODELS + "get?name=" + name).assertOk().path("registered_model"))
                .isEqualTo(model);
    }

    @Test
    void createRejectsTakenAndMissingNames() {
        String name = unique("taken");
        createModel(name);

        assertThat(api.post(MODELS + "create", body().put("name", name)).assertError(400, "RESOURCE_ALREADY_EXISTS"))
                .isEqualTo("Registered Model (name=" + name + ") already exists.");
        assertThat(api.post(MODELS + "create", body()).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Missing value for required parameter 'name'.");
        assertThat(api.post(MODELS + "create", body().put("name", "x".repeat(257)))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("which exceeded length limit of 256");
        api.post(MODELS + "create", body().put("name", 5)).assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void unknownModelsAreResourceDoesNotExist() {
        String name = unique("nothing");
        String message = "Registered Model with name=" + name + " not found";

        assertThat(api.get(MODELS + "get?name=" + name).assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo(message);
        assertThat(patch(MODELS + "update", body().put("name", name).put("description", "d"))
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo(message);
        assertThat(delete(MODELS + "delete", body().put("name", name)).assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo(message);
        api.post(MODELS + "rename", body().put("name", name).put("new_name", unique("n")))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.get(MODELS + "get-latest-versions?name=" + name).assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.post(MODELS + "set-tag", body().put("name", name).put("key", "k").put("value", "v"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void updateRenameAndDelete() {
        String name = unique("lifecycle");
        String newName = unique("renamed");
        createModel(name);
        createVersion(name);

        assertThat(patch(MODELS + "update", body().put("name", name).put("description", "better"))
                        .assertOk()
                        .path("registered_model")
                        .path("description")
                        .asText())
                .isEqualTo("better");
        JsonNode renamed = api.post(MODELS + "rename", body().put("name", name).put("new_name", newName))
                .assertOk()
                .path("registered_model");
        assertThat(renamed.path("name").asText()).isEqualTo(newName);
        assertThat(renamed.path("latest_versions").get(0).path("name").asText()).isEqualTo(newName);
        api.get(MODELS + "get?name=" + name).assertError(404, "RESOURCE_DOES_NOT_EXIST");

        delete(MODELS + "delete", body().put("name", newName)).assertOk();
        api.get(MODELS + "get?name=" + newName).assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.get(VERSIONS + "get?name=" + newName + "&version=1").assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void renameToATakenNameIsRejected() {
        String a = unique("a");
        String b = unique("b");
        createModel(a);
        createModel(b);

        assertThat(api.post(MODELS + "rename", body().put("name", a).put("new_name", b))
                        .assertError(400, "RESOURCE_ALREADY_EXISTS"))
                .isEqualTo("Registered Model (name=" + b + ") already exists.");
    }

    @Test
    void tagsAreSetAndDeletedWithMlflowsLimits() {
        String name = unique("tags");
        createModel(name);

        api.post(MODELS + "set-tag", body().put("name", name).put("key", "k").put("value", "v"))
                .assertOk();
        assertThat(api.get(MODELS + "get?name=" + name)
                        .assertOk()
                        .path("registered_model")
                        .path("tags")
                        .get(0)
                        .path("value")
                        .asText())
                .isEqualTo("v");
        delete(MODELS + "delete-tag", body().put("name", name).put("key", "k")).assertOk();
        assertThat(api.get(MODELS + "get?name=" + name)
                        .assertOk()
                        .path("registered_model")
                        .has("tags"))
                .isFalse();

        assertThat(api.post(
                                MODELS + "set-tag",
                                body().put("name", name)
                                        .put("key", "k".repeat(251))
                                        .put("value", "v"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Registered model key")
                .contains("exceeded length limit of 250");
        assertThat(api.post(
                                MODELS + "set-tag",
                                body().put("name", name).put("key", "k").put("value", "v".repeat(5001)))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Registered model value")
                .contains("exceeded length limit of 5000");
        assertThat(api.post(
                                MODELS + "set-tag",
                                body().put("name", name).put("key", "../etc").put("value", "v"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid tag name: '../etc'.");
        api.post(
                        MODELS + "set-tag",
                        body().put("name", name).put("key", "bad!key").put("value", "v"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void searchFiltersOrdersAndPages() {
        String prefix = unique("search");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(prefix + "-" + i);
            createModel(names.getLast());
        }
        api.post(
                        MODELS + "set-tag",
                        body().put("name", names.get(2)).put("key", "stage").put("value", "gold"))
                .assertOk();

        String like = query("name LIKE '" + prefix + "-%'");
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            JsonNode page = api.get(MODELS + "search?filter=" + like + "&max_results=2&order_by=" + query("name DESC")
                            + (token == null ? "" : "&page_token=" + query(token)))
                    .assertOk();
            page.path("registered_models").forEach(m -> seen.add(m.path("name").asText()));
            token = page.path("next_page_token").isMissingNode()
                    ? null
                    : page.path("next_page_token").asText();
        } while (token != null);
        assertThat(seen).isEqualTo(names.reversed());

        JsonNode tagged = api.get(MODELS + "search?filter="
                        + query("name ILIKE '" + prefix.toUpperCase() + "%' AND tags.stage = 'gold'"))
                .assertOk();
        assertThat(tagged.path("registered_models")).hasSize(1);
        assertThat(tagged.path("registered_models").get(0).path("name").asText())
                .isEqualTo(names.get(2));
    }

    @Test
    void searchRejectsBadFiltersOrderAndLimits() {
        assertThat(api.get(MODELS + "search?max_results=1001").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value 1001 for parameter 'max_results' supplied.");
        assertThat(api.get(MODELS + "search?filter=" + query("version_number = 1"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid attribute key 'version_number' specified.");
        assertThat(api.get(MODELS + "search?filter=" + query("name > 'a'")).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid comparator for attribute: >");
        api.get(MODELS + "search?filter=" + query("name = 'a' OR name = 'b'"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.get(MODELS + "search?filter=" + query("name = 'unterminated")).assertError(400, "INVALID_PARAMETER_VALUE");
        api.get(MODELS + "search?filter=" + query("name = '; DROP TABLE registered_models; --'"))
                .assertOk();
        assertThat(api.get(MODELS + "search?order_by=" + query("size DESC"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid order by key 'size' specified.");
        api.get(MODELS + "search?page_token=bogus").assertError(400, "INVALID_PARAMETER_VALUE");
        api.get(MODELS + "search?max_results=abc").assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void latestVersionsPerStageByGetAndPost() {
        String name = unique("latest");
        createModel(name);
        for (int i = 0; i < 3; i++) {
            createVersion(name);
        }
        api.post(
                        VERSIONS + "transition-stage",
                        body().put("name", name).put("version", "1").put("stage", "production"))
                .assertOk();

        JsonNode all =
                api.get(MODELS + "get-latest-versions?name=" + name).assertOk().path("model_versions");
        assertThat(all).hasSize(2);
        assertThat(all.get(0).path("current_stage").asText()).isEqualTo("Production");
        assertThat(all.get(1).path("version").asText()).isEqualTo("3");
        JsonNode production = api.post(
                        MODELS + "get-latest-versions",
                        body().put("name", name).set("stages", JsonBodies.strings("Production")))
                .assertOk()
                .path("model_versions");
        assertThat(production).hasSize(1);
        assertThat(api.get(MODELS + "get-latest-versions?name=" + name + "&stages=Staging")
                        .assertOk()
                        .has("model_versions"))
                .isFalse();
        assertThat(api.get(MODELS + "get-latest-versions?name=" + name + "&stages=Live")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "Invalid Model Version stage: Live. Value must be one of None, Staging, Production, Archived.");
    }

    @Test
    void aliasesPointAtOneVersionAndMove() {
        String name = unique("alias");
        createModel(name);
        createVersion(name);
        createVersion(name);

        api.post(
                        MODELS + "alias",
                        body().put("name", name).put("alias", "champion").put("version", "1"))
                .assertOk();
        api.post(
                        MODELS + "alias",
                        body().put("name", name).put("alias", "champion").put("version", "2"))
                .assertOk();

        JsonNode version = api.get(MODELS + "alias?name=" + name + "&alias=champion")
                .assertOk()
                .path("model_version");
        assertThat(version.path("version").asText()).isEqualTo("2");
        assertThat(version.path("aliases").toString()).isEqualTo("[\"champion\"]");
        assertThat(api.get(MODELS + "get?name=" + name)
                        .assertOk()
                        .path("registered_model")
                        .path("aliases")
                        .toString())
                .isEqualTo("[{\"alias\":\"champion\",\"version\":\"2\"}]");

        delete(MODELS + "alias", body().put("name", name).put("alias", "champion"))
                .assertOk();
        assertThat(api.get(MODELS + "alias?name=" + name + "&alias=champion")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Registered model alias champion not found.");
    }

    @Test
    void aliasNamesFollowMlflowsRules() {
        String name = unique("alias-rules");
        createModel(name);
        createVersion(name);

        assertThat(setAlias(name, "latest")).isEqualTo("'latest' alias name (case insensitive) is reserved.");
        assertThat(setAlias(name, "LATEST")).isEqualTo("'latest' alias name (case insensitive) is reserved.");
        assertThat(setAlias(name, "v12")).isEqualTo("Version alias name 'v12' is reserved.");
        assertThat(setAlias(name, "no spaces"))
                .isEqualTo("Invalid alias name: 'no spaces'. Names may only contain "
                        + "alphanumerics, underscores (_), and dashes (-).");
        assertThat(setAlias(name, "a".repeat(256))).contains("exceeded length limit of 255");
        api.post(
                        MODELS + "alias",
                        body().put("name", name).put("alias", "a".repeat(255)).put("version", "1"))
                .assertOk();
        api.post(MODELS + "alias", body().put("name", name).put("alias", "ok").put("version", "7"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(api.post(
                                MODELS + "alias",
                                body().put("name", name).put("alias", "ok").put("version", "one"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Model version must be an integer, got 'one'");
    }

    @Test
    void theFilterPythonClientsAddToLeaveOutPromptsFindsModelsWithoutThePromptTag() {
        String name = unique("python");
        String prompt = unique("prompt");
        createModel(name);
        api.post(
                        MODELS + "create",
                        body().put("name", prompt).set("tags", JsonBodies.of("mlflow.prompt.is_prompt", "true")))
                .assertOk();

        JsonNode models = api.get(MODELS + "search?filter="
                        + query("name LIKE '" + name.substring(0, 6) + "%' AND "
                                + "tag.`mlflow.prompt.is_prompt` != 'true'"))
                .assertOk()
                .path("registered_models");
        JsonNode prompts = api.get(MODELS + "search?filter=" + query("tags.`mlflow.prompt.is_prompt` = 'true'"))
                .assertOk()
                .path("registered_models");
        createVersion(name);
        createVersion(prompt);
        api.post(
                        VERSIONS + "set-tag",
                        body().put("name", prompt)
                                .put("version", "1")
                                .put("key", "mlflow.prompt.is_prompt")
                                .put("value", "true"))
                .assertOk();
        String excludePrompts = " AND tag.`mlflow.prompt.is_prompt` != 'true'";

        assertThat(models).extracting(m -> m.path("name").asText()).containsExactly(name);
        assertThat(prompts)
                .extracting(m -> m.path("name").asText())
                .contains(prompt)
                .doesNotContain(name);
        assertThat(api.get(VERSIONS + "search?filter=" + query("name = '" + name + "'" + excludePrompts))
                        .assertOk()
                        .path("model_versions"))
                .hasSize(1);
        assertThat(api.get(VERSIONS + "search?filter=" + query("name = '" + prompt + "'" + excludePrompts))
                        .assertOk()
                        .has("model_versions"))
                .isFalse();
    }

    @Test
    void everyRouteAnswersUnderTheAjaxPrefixToo() {
        String name = unique("ajax");
        api.post("/ajax-api/2.0/mlflow/registered-models/create", body().put("name", name))
                .assertOk();
        api.get("/ajax-api/2.0/mlflow/registered-models/search?filter=" + query("name = '" + name + "'"))
                .assertOk();
    }

    private static String setAlias(String name, String alias) {
        return api.post(
                        MODELS + "alias",
                        body().put("name", name).put("alias", alias).put("version", "1"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
