package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.Page;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.registry.ModelAlias;
import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.core.registry.ModelStage;
import dev.flowline.core.registry.ModelVersion;
import dev.flowline.core.registry.ModelVersionStatus;
import dev.flowline.core.registry.NewModelVersion;
import dev.flowline.core.registry.RegisteredModel;
import dev.flowline.core.registry.RegistrySearchQuery;
import dev.flowline.core.registry.RegistryTag;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link ModelRegistryStore} keeps. A subclass supplies a store on a fresh database, shared by
 * the tests of the class; each test uses models of its own (names carry a random prefix).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BaseModelRegistryStoreTest {
    private static final List<OrderBy> BY_NAME = List.of(order("name", true));
    private static final List<OrderBy> VERSIONS_DEFAULT = List.of(order("name", true), order("version_number", false));

    protected abstract ModelRegistryStore store();

    private final String prefix = "m" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private String name(String suffix) {
        return prefix + suffix + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    private RegisteredModel model(String name) {
        return store().createRegisteredModel(name, null, List.of(), 1000);
    }

    private ModelVersion version(String name, String runId) {
        return store().createModelVersion(new NewModelVersion(
                name, "s3://bucket/" + name, "s3://bucket/" + name, runId, null, null, List.of(), 2000));
    }

    @Test
    void createdModelIsReadBackWithItsTagsAndDescription() {
        String name = name("create");
        store().createRegisteredModel(
                        name, "first model", List.of(new RegistryTag("team", "ml"), new RegistryTag("k", "")), 1234);

        RegisteredModel model = store().getRegisteredModel(name).orElseThrow();

        assertThat(model.name()).isEqualTo(name);
        assertThat(model.description()).isEqualTo("first model");
        assertThat(model.creationTimestamp()).isEqualTo(1234);
        assertThat(model.lastUpdatedTimestamp()).isEqualTo(1234);
        assertThat(model.tags()).containsExactly(new RegistryTag("k", ""), new RegistryTag("team", "ml"));
        assertThat(model.latestVersions()).isEmpty();
        assertThat(model.aliases()).isEmpty();
    }

    @Test
    void creatingATakenNameFailsWithResourceAlreadyExists() {
        String name = name("dup");
        model(name);

        assertThatThrownBy(() -> model(name))
                .isInstanceOfSatisfying(
                        FlowlineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS))
                .hasMessage("Registered Model (name=" + name + ") already exists.");
    }

    @Test
    void namesAreCaseSensitive() {
        String name = name("Case");
        model(name);
        model(name.toLowerCase());

        assertThat(store().getRegisteredModel(name.toUpperCase())).isEmpty();
        assertThat(store().getRegisteredModel(name)).isPresent();
    }

    @Test
    void missingModelIsEmptyAndChangingItFailsWithResourceDoesNotExist() {
        String name = name("missing");

        assertThat(store().getRegisteredModel(name)).isEmpty();
        assertNotFound(
                () -> store().updateRegisteredModel(name, "d", 1), "Registered Model with name=" + name + " not found");
        assertNotFound(() -> store().deleteRegisteredModel(name), "Registered Model with name=" + name + " not found");
        assertNotFound(() -> version(name, null), "Registered Model with name=" + name + " not found");
        assertNotFound(
                () -> store().setRegisteredModelTag(name, new RegistryTag("a", "b")),
                "Registered Model with name=" + name + " not found");
        assertNotFound(
                () -> store().getLatestVersions(name, List.of()), "Registered Model with name=" + name + " not found");
    }

    @Test
    void updateChangesTheDescriptionAndTheUpdateTime() {
        String name = name("update");
        model(name);

        RegisteredModel updated = store().updateRegisteredModel(name, "new text", 5000);

        assertThat(updated.description()).isEqualTo("new text");
        assertThat(updated.lastUpdatedTimestamp()).isEqualTo(5000);
        assertThat(updated.creationTimestamp()).isEqualTo(1000);
    }

    @Test
    void versionsAreNumberedFromOnePerModel() {
        String a = name("a");
        String b = name("b");
        model(a);
        model(b);

        assertThat(version(a, null).version()).isEqualTo(1);
        assertThat(version(a, null).version()).isEqualTo(2);
        assertThat(version(b, null).version()).isEqualTo(1);
        ModelVersion third = version(a, "0123456789abcdef0123456789abcdef");
        assertThat(third.version()).isEqualTo(3);
        assertThat(third.currentStage()).isEqualTo(ModelStage.NONE);
        assertThat(third.status()).isEqualTo(ModelVersionStatus.READY);
        assertThat(third.runId()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(store().getRegisteredModel(a).orElseThrow().lastUpdatedTimestamp())
                .isEqualTo(2000);
    }

    @Test
    void createdVersionKeepsItsSourceStorageLocationTagsAndDescription() {
        String name = name("fields");
        model(name);
        store().createModelVersion(new NewModelVersion(
                name,
                "runs:/abc/model",
                "s3://b/1/abc/artifacts/model",
                "abc",
                "http://link",
                "desc",
                List.of(new RegistryTag("t", "v")),
                42));

        ModelVersion read = store().getModelVersion(name, 1).orElseThrow();

        assertThat(read.source()).isEqualTo("runs:/abc/model");
        assertThat(read.storageLocation()).isEqualTo("s3://b/1/abc/artifacts/model");
        assertThat(read.downloadUri()).isEqualTo("s3://b/1/abc/artifacts/model");
        assertThat(read.runLink()).isEqualTo("http://link");
        assertThat(read.description()).isEqualTo("desc");
        assertThat(read.tags()).containsExactly(new RegistryTag("t", "v"));
        assertThat(read.creationTimestamp()).isEqualTo(42);
    }

    @Test
    void aDeletedVersionsNumberIsNotGivenAgain() {
        String name = name("reuse");
        model(name);
        version(name, null);
        version(name, null);

        store().deleteModelVersion(name, 2, 3000);

        assertThat(store().getModelVersion(name, 2)).isEmpty();
        assertThat(version(name, null).version()).isEqualTo(3);
        assertNotFound(
                () -> store().deleteModelVersion(name, 2, 1), "Model Version (name=" + name + ", version=2) not found");
    }

    @Test
    void parallelClientsCreatingVersionsOfOneModelGetDistinctConsecutiveNumbers() throws Exception {
        String name = name("parallel");
        model(name);
        int clients = 8;
        int perClient = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<List<Long>>> tasks = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                tasks.add(() -> {
                    List<Long> numbers = new ArrayList<>();
                    for (int i = 0; i < perClient; i++) {
                        numbers.add(version(name, null).version());
                    }
                    return numbers;
                });
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : pool.invokeAll(tasks)) {
                all.addAll(result.get());
            }
            Collections.sort(all);

            List<Long> expected = new ArrayList<>();
            for (long v = 1; v <= clients * perClient; v++) {
                expected.add(v);
            }
            assertThat(all).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void renameKeepsVersionsTagsAndAliases() {
        String name = name("old");
        String newName = name("new");
        store().createRegisteredModel(name, "d", List.of(new RegistryTag("k", "v")), 1000);
        version(name, null);
        store().setModelVersionTag(name, 1, new RegistryTag("vt", "1"));
        store().setRegisteredModelAlias(name, "champion", 1);

        RegisteredModel renamed = store().renameRegisteredModel(name, newName, 7000);

        assertThat(renamed.name()).isEqualTo(newName);
        assertThat(renamed.tags()).containsExactly(new RegistryTag("k", "v"));
        assertThat(renamed.aliases()).containsExactly(new ModelAlias("champion", 1));
        assertThat(renamed.lastUpdatedTimestamp()).isEqualTo(7000);
        assertThat(store().getRegisteredModel(name)).isEmpty();
        ModelVersion moved = store().getModelVersion(newName, 1).orElseThrow();
        assertThat(moved.tags()).containsExactly(new RegistryTag("vt", "1"));
        assertThat(moved.aliases()).containsExactly("champion");
        assertThat(store().getModelVersionByAlias(newName, "champion"))
                .map(ModelVersion::version)
                .contains(1L);
        assertThat(version(newName, null).version()).isEqualTo(2);
    }

    @Test
    void renamingToATakenNameFailsAndChangesNothing() {
        String a = name("a");
        String b = name("b");
        model(a);
        model(b);
        version(a, null);

        assertThatThrownBy(() -> store().renameRegisteredModel(a, b, 1))
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_ALREADY_EXISTS));
        assertThat(store().getModelVersion(a, 1)).isPresent();
        assertNotFound(() -> store().renameRegisteredModel(name("none"), name("x"), 1), null);
    }

    @Test
    void deletingAModelDeletesItsVersionsTagsAndAliases() {
        String name = name("delete");
        store().createRegisteredModel(name, null, List.of(new RegistryTag("k", "v")), 1);
        version(name, null);
        store().setModelVersionTag(name, 1, new RegistryTag("vt", "1"));
        store().setRegisteredModelAlias(name, "a", 1);

        store().deleteRegisteredModel(name);

        assertThat(store().getRegisteredModel(name)).isEmpty();
        assertThat(store().getModelVersion(name, 1)).isEmpty();
        model(name);
        assertThat(store().getRegisteredModel(name).orElseThrow().tags()).isEmpty();
        assertThat(store().getModelVersionByAlias(name, "a")).isEmpty();
        assertThat(version(name, null).version()).isEqualTo(1);
        assertThat(store().getModelVersion(name, 1).orElseThrow().tags()).isEmpty();
    }

    @Test
    void deletingAVersionDropsItsAliasesButNotOthers() {
        String name = name("alias-del");
        model(name);
        version(name, null);
        version(name, null);
        store().setRegisteredModelAlias(name, "old", 1);
        store().setRegisteredModelAlias(name, "new", 2);

        store().deleteModelVersion(name, 1, 9);

        assertThat(store().getModelVersionByAlias(name, "old")).isEmpty();
        assertThat(store().getRegisteredModel(name).orElseThrow().aliases()).containsExactly(new ModelAlias("new", 2));
    }

    @Test
    void settingAnAliasAgainMovesItToTheNewVersion() {
        String name = name("alias-move");
        model(name);
        version(name, null);
        version(name, null);
        store().setRegisteredModelAlias(name, "champion", 1);

        store().setRegisteredModelAlias(name, "champion", 2);

        assertThat(store().getModelVersionByAlias(name, "champion"))
                .map(ModelVersion::version)
                .contains(2L);
        assertThat(store().getModelVersion(name, 1).orElseThrow().aliases()).isEmpty();
        assertThat(store().getModelVersion(name, 2).orElseThrow().aliases()).containsExactly("champion");
        assertThat(store().getRegisteredModel(name).orElseThrow().aliases())
                .containsExactly(new ModelAlias("champion", 2));
    }

    @Test
    void aliasesNeedAnExistingVersionAndModel() {
        String name = name("alias-missing");
        model(name);

        assertNotFound(
                () -> store().setRegisteredModelAlias(name, "a", 1),
                "Model Version (name=" + name + ", version=1) not found");
        assertNotFound(() -> store().deleteRegisteredModelAlias(name("nomodel"), "a"), null);
        store().deleteRegisteredModelAlias(name, "never-set");
        assertThat(store().getModelVersionByAlias(name, "never-set")).isEmpty();
    }

    @Test
    void transitionWithArchiveExistingArchivesTheOtherVersionsInThatStage() {
        String name = name("stages");
        model(name);
        for (int i = 0; i < 4; i++) {
            version(name, null);
        }
        store().transitionModelVersionStage(name, 1, ModelStage.PRODUCTION, false, 10);
        store().transitionModelVersionStage(name, 2, ModelStage.PRODUCTION, false, 11);
        store().transitionModelVersionStage(name, 3, ModelStage.STAGING, false, 12);

        ModelVersion moved = store().transitionModelVersionStage(name, 4, ModelStage.PRODUCTION, true, 13);

        assertThat(moved.currentStage()).isEqualTo(ModelStage.PRODUCTION);
        assertThat(moved.lastUpdatedTimestamp()).isEqualTo(13);
        assertThat(store().getModelVersion(name, 1).orElseThrow().currentStage())
                .isEqualTo(ModelStage.ARCHIVED);
        assertThat(store().getModelVersion(name, 2).orElseThrow().currentStage())
                .isEqualTo(ModelStage.ARCHIVED);
        assertThat(store().getModelVersion(name, 3).orElseThrow().currentStage())
                .isEqualTo(ModelStage.STAGING);
        assertNotFound(() -> store().transitionModelVersionStage(name, 9, ModelStage.STAGING, false, 1), null);
    }

    @Test
    void latestVersionsHoldTheHighestVersionOfEachStage() {
        String name = name("latest");
        model(name);
        for (int i = 0; i < 5; i++) {
            version(name, null);
        }
        store().transitionModelVersionStage(name, 1, ModelStage.PRODUCTION, false, 1);
        store().transitionModelVersionStage(name, 2, ModelStage.PRODUCTION, false, 1);
        store().transitionModelVersionStage(name, 3, ModelStage.STAGING, false, 1);

        assertThat(store().getLatestVersions(name, List.of()).stream().map(ModelVersion::version))
                .containsExactly(2L, 3L, 5L);
        assertThat(store().getLatestVersions(name, List.of(ModelStage.PRODUCTION)).stream()
                        .map(ModelVersion::version))
                .containsExactly(2L);
        assertThat(store().getLatestVersions(name, List.of(ModelStage.ARCHIVED)))
                .isEmpty();
        assertThat(store().getRegisteredModel(name).orElseThrow().latestVersions().stream()
                        .map(v -> v.version() + ":" + v.currentStage().wireName()))
                .containsExactly("2:Production", "3:Staging", "5:None");
    }

    @Test
    void tagsAreSetOverwrittenAndDeleted() {
        String name = name("tags");
        model(name);
        version(name, null);

        store().setRegisteredModelTag(name, new RegistryTag("k", "1"));
        store().setRegisteredModelTag(name, new RegistryTag("k", "2"));
        store().setModelVersionTag(name, 1, new RegistryTag("vk", "1"));
        store().setModelVersionTag(name, 1, new RegistryTag("vk", "2"));
        assertThat(store().getRegisteredModel(name).orElseThrow().tags()).containsExactly(new RegistryTag("k", "2"));
        assertThat(store().getModelVersion(name, 1).orElseThrow().tags()).containsExactly(new RegistryTag("vk", "2"));

        store().deleteRegisteredModelTag(name, "k");
        store().deleteModelVersionTag(name, 1, "vk");
        store().deleteModelVersionTag(name, 1, "never");
        assertThat(store().getRegisteredModel(name).orElseThrow().tags()).isEmpty();
        assertThat(store().getModelVersion(name, 1).orElseThrow().tags()).isEmpty();
        assertNotFound(() -> store().setModelVersionTag(name, 7, new RegistryTag("a", "b")), null);
    }

    @Test
    void searchModelsByNameOperatorsAndTags() {
        String a = prefix + "search-Alpha";
        String b = prefix + "search-beta";
        String c = prefix + "search-gamma";
        store().createRegisteredModel(a, null, List.of(new RegistryTag("team", "red")), 1);
        store().createRegisteredModel(b, null, List.of(new RegistryTag("team", "blue")), 2);
        store().createRegisteredModel(c, null, List.of(), 3);

        assertThat(modelNames(like("name", Operator.LIKE, prefix + "search-%"))).containsExactly(a, b, c);
        assertThat(modelNames(like("name", Operator.LIKE, prefix + "search-a%")))
                .isEmpty();
        assertThat(modelNames(like("name", Operator.ILIKE, prefix + "search-a%")))
                .containsExactly(a);
        assertThat(modelNames(new Filter.And(List.of(
                        like("name", Operator.LIKE, prefix + "search-%"),
                        new Filter.Comparison(attribute("name"), Operator.NE, new Literal.Text(b))))))
                .containsExactly(a, c);
        assertThat(modelNames(new Filter.And(List.of(
                        like("name", Operator.LIKE, prefix + "search-%"),
                        new Filter.Comparison(
                                new Field(EntityType.TAG, "team"), Operator.EQ, new Literal.Text("blue"))))))
                .containsExactly(b);
        assertThat(modelNames(new Filter.And(List.of(
                        like("name", Operator.LIKE, prefix + "search-%"),
                        new Filter.Comparison(
                                new Field(EntityType.TAG, "team"), Operator.ILIKE, new Literal.Text("R%"))))))
                .containsExactly(a);
        Page<RegisteredModel> newestFirst = store().searchRegisteredModels(new RegistrySearchQuery(
                Optional.of(like("name", Operator.LIKE, prefix + "search-%")),
                List.of(order("last_updated_timestamp", false), order("name", true)),
                10,
                Optional.empty(),
                true));
        assertThat(newestFirst.items().stream().map(RegisteredModel::name)).containsExactly(c, b, a);
    }

    @Test
    void searchPagesThroughAllResultsWithTokens() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            names.add(prefix + "page-" + i);
            model(names.getLast());
        }
        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<RegisteredModel> page = store().searchRegisteredModels(new RegistrySearchQuery(
                    Optional.of(like("name", Operator.LIKE, prefix + "page-%")), BY_NAME, 2, token, true));
            page.items().forEach(m -> seen.add(m.name()));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());

        assertThat(seen).isEqualTo(names);
        assertThat(pages).isEqualTo(3);
        assertThatThrownBy(() -> store().searchRegisteredModels(new RegistrySearchQuery(
                        Optional.empty(), BY_NAME, 2, Optional.of("not a token"), true)))
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void searchVersionsByNameVersionNumberRunIdSourceAndTags() {
        String name = name("vsearch");
        String other = name("vother");
        model(name);
        model(other);
        String run1 = "11111111111111111111111111111111";
        String run2 = "22222222222222222222222222222222";
        version(name, run1);
        version(name, run2);
        version(name, run1);
        version(other, run1);
        store().setModelVersionTag(name, 2, new RegistryTag("env", "prod"));

        Filter byName = new Filter.Comparison(attribute("name"), Operator.EQ, new Literal.Text(name));
        assertThat(versionKeys(byName)).containsExactly(name + "/3", name + "/2", name + "/1");
        assertThat(versionKeys(and(
                        byName,
                        new Filter.Comparison(attribute("version_number"), Operator.GE, new Literal.Number(2)))))
                .containsExactly(name + "/3", name + "/2");
        assertThat(versionKeys(and(
                        byName,
                        new Filter.Comparison(
                                attribute("run_id"),
                                Operator.IN,
                                new Literal.TextList(List.of(run2, "33333333333333333333333333333333"))))))
                .containsExactly(name + "/2");
        assertThat(versionKeys(and(
                        byName,
                        new Filter.Comparison(
                                attribute("source_path"), Operator.EQ, new Literal.Text("s3://bucket/" + name)))))
                .hasSize(3);
        assertThat(versionKeys(and(
                        byName,
                        new Filter.Comparison(
                                new Field(EntityType.TAG, "env"), Operator.EQ, new Literal.Text("prod")))))
                .containsExactly(name + "/2");
        assertThat(versionKeys(and(
                        new Filter.Comparison(attribute("run_id"), Operator.EQ, new Literal.Text(run1)),
                        new Filter.Comparison(attribute("name"), Operator.LIKE, new Literal.Text(prefix + "%")))))
                .contains(name + "/1", name + "/3", other + "/1")
                .hasSize(3);
    }

    @Test
    void searchesLeaveOutPromptsUnlessTheyAskForThem() {
        String model = prefix + "prompt-model";
        String prompt = prefix + "prompt-prompt";
        model(model);
        store().createRegisteredModel(prompt, null, List.of(new RegistryTag("mlflow.prompt.is_prompt", "true")), 1);
        version(model, null);
        version(prompt, null);
        store().setModelVersionTag(prompt, 1, new RegistryTag("mlflow.prompt.is_prompt", "true"));
        Filter ours = like("name", Operator.LIKE, prefix + "prompt-%");
        Filter prompts = new Filter.And(List.of(
                ours,
                new Filter.Comparison(
                        new Field(EntityType.TAG, "mlflow.prompt.is_prompt"), Operator.EQ, new Literal.Text("true"))));

        assertThat(modelNames(ours)).containsExactly(model);
        assertThat(store()
                        .searchRegisteredModels(
                                new RegistrySearchQuery(Optional.of(prompts), BY_NAME, 10, Optional.empty(), false))
                        .items()
                        .stream()
                        .map(RegisteredModel::name))
                .containsExactly(prompt);
        assertThat(versionKeys(ours)).containsExactly(model + "/1");
        assertThat(store().searchModelVersions(new RegistrySearchQuery(
                                Optional.of(ours), VERSIONS_DEFAULT, 10, Optional.empty(), false))
                        .items())
                .hasSize(2);
    }

    private List<String> modelNames(Filter filter) {
        return store()
                .searchRegisteredModels(
                        new RegistrySearchQuery(Optional.of(filter), BY_NAME, 100, Optional.empty(), true))
                .items()
                .stream()
                .map(RegisteredModel::name)
                .toList();
    }

    private List<String> versionKeys(Filter filter) {
        return store()
                .searchModelVersions(
                        new RegistrySearchQuery(Optional.of(filter), VERSIONS_DEFAULT, 100, Optional.empty(), true))
                .items()
                .stream()
                .map(v -> v.name() + "/" + v.version())
                .toList();
    }

    private static Filter and(Filter a, Filter b) {
        return new Filter.And(List.of(a, b));
    }

    private static Filter like(String key, Operator op, String pattern) {
        return new Filter.Comparison(attribute(key), op, new Literal.Text(pattern));
    }

    private static Field attribute(String key) {
        return new Field(EntityType.ATTRIBUTE, key);
    }

    private static OrderBy order(String key, boolean ascending) {
        return new OrderBy(attribute(key), ascending);
    }

    private static void assertNotFound(Runnable call, String message) {
        var assertion = assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
        if (message != null) {
            assertion.hasMessage(message);
        }
    }
}
