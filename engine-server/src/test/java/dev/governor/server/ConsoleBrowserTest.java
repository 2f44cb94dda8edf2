package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 13: the seed guide's console steps in a real browser (headless Chromium), in order, against
 * a server on a free loopback port: sign in, create an entity type with two attribution keys and
 * edit it, find and open a customer, add an entity with a parent and a cardinality, edit a limit
 * inline (and fail to, with a bad one), rank by utilization, watch a consume made through the API
 * appear without a reload, see a reservation's held amount on its budgets while it is open, and see a
 * limited token's customers only. Asserts on what the page shows;
 * a screenshot of every screen lands in {@code target/console-screenshots} on every run, and one of
 * the failing screen on failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ConsoleBrowserTest.ScreenshotOnFailure.class)
class ConsoleBrowserTest {
  private static final String NODE_WIDE = "td[data-capability-id='ai-tokens'] .budget[data-scope='node-wide']";
  private ServerFixture api;
  private Browser browser;

  @BeforeAll
  void start() {
    api = new ServerFixture();
    Trees.acme(api, "cus-acme");
    Trees.acme(api, "cus-beta");
    consume("{\"userId\": \"user-alice\"}", 100);
    browser = new Browser(1280, 800);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    api.close();
  }

  @Test
  @Order(1)
  void signIn_adminToken_customersListed() {
    browser.driver.get(api.server.uri() + "/console/");
    browser.find("input[name=token]");
    browser.screenshot("01-sign-in");

    browser.find("input[name=token]").sendKeys("not-a-token-of-this-server", Keys.ENTER);
    assertThat(browser.text(".sign-in .error")).contains("not valid");
    WebElement token = browser.find("input[name=token]");
    token.clear();
    token.sendKeys(ServerFixture.ADMIN, Keys.ENTER);

    assertThat(settled(() -> texts("tr[data-owner-id] a"), t -> t.size() >= 2)).containsExactly("cus-acme", "cus-beta");
    assertThat(browser.driver.executeScript("return sessionStorage.getItem('governor.token')")).isEqualTo(ServerFixture.ADMIN);
    assertThat(browser.driver.manage().getCookies()).isEmpty();
  }

  @Test
  @Order(2)
  void entityTypes_newTypeWithTwoAttributionKeys_listedWithThem() {
    browser.find("a[data-nav=entity-types]").click();
    browser.find("tr[data-type-id=org]");
    browser.screenshot("02-entity-types");

    WebElement create = browser.find("button.primary");
    create.click();
    browser.find(".drawer input[name=displayName]").sendKeys(Keys.ESCAPE);
    browser.until(d -> d.findElements(By.cssSelector(".drawer")).isEmpty());
    assertThat(browser.driver.switchTo().activeElement()).as("Escape closes and gives focus back").isEqualTo(create);
    create.sendKeys(Keys.ENTER);
    browser.find(".drawer input[name=displayName]").sendKeys("Cost center");
    assertThat(browser.find(".drawer input[name=id]").getAttribute("value")).isEqualTo("cost-center");
    WebElement keys = browser.find(".drawer input[name=attributionKey]");
    keys.sendKeys("costCenterId", Keys.ENTER);
    keys.sendKeys("ccCode", Keys.ENTER);
    assertThat(browser.find(".drawer").isDisplayed()).as("Enter adds a key, it does not submit").isTrue();
    assertThat(settled(() -> texts(".drawer .chips .chip"), t -> t.size() >= 2)).hasSize(2);
    browser.screenshot("03-new-entity-type");
    browser.find(".drawer button[type=submit]").click();

    browser.until(d -> d.findElements(By.cssSelector(".drawer")).isEmpty());
    assertThat(settled(() -> texts("tr[data-type-id=cost-center] .chip"), t -> t.size() >= 2))
        .containsExactlyInAnyOrder("costCenterId", "ccCode");
    JsonNode stored = api.get("/entity-types/cost-center").body();
    assertThat(stored.get("displayName").asText()).isEqualTo("Cost center");
    assertThat(stored.get("attributionKeys")).hasSize(2);
  }

  @Test
  @Order(3)
  void entityTypes_editFromTheRowMenu_renamed() {
    browser.find("tr[data-type-id=cost-center] button.kebab").click();
    browser.find(".menu [role=menuitem]").click();
    WebElement name = browser.find(".drawer input[name=displayName]");
    assertThat(browser.find(".drawer input[name=id]").isEnabled()).as("the id of an existing type is fixed").isFalse();
    name.clear();
    name.sendKeys("Cost centre");
    browser.screenshot("04-edit-entity-type");
    browser.find(".drawer button[type=submit]").click();

    browser.until(d -> d.findElements(By.cssSelector(".drawer")).isEmpty());
    assertThat(browser.text("tr[data-type-id=cost-center] .name")).isEqualTo("Cost centre");
  }

  @Test
  @Order(4)
  void customers_searchThenOpen_governanceTabWithUsageAgainstLimits() {
    browser.find("a[data-nav=customers]").click();
    browser.find("input[name=search]").sendKeys("acm");
    browser.until(d -> texts("tr[data-owner-id] a").equals(List.of("cus-acme")));
    browser.screenshot("05-customers");
    browser.find("tr[data-owner-id=cus-acme] a").click();

    browser.find("tr[data-entity-id=org-acme]");
    assertThat(settled(this::rowIds, r -> r.size() >= 4)).containsExactly("model-gpt4o", "org-acme", "team-eng", "user-alice");
    assertThat(browser.text("tr[data-entity-id=org-acme] " + NODE_WIDE + " .usage")).isEqualTo("100 / 1,000");
    assertThat(browser.text("tr[data-entity-id=org-acme] " + NODE_WIDE + " .pct")).isEqualTo("10%");
    assertThat(browser.text("tr[data-entity-id=team-eng] .budget[data-scope=model-gpt4o] .usage")).isEqualTo("0 / 50");
    assertThat(browser.text("tr[data-entity-id=team-eng] td.type")).isEqualTo("Team");
    browser.screenshot("06-governance");

    browser.find("tr[data-entity-id=org-acme] button.toggle").click();
    assertThat(settled(this::rowIds, r -> r.size() <= 2)).as("collapsed").containsExactly("model-gpt4o", "org-acme");
    browser.find("tr[data-entity-id=org-acme] button.toggle").click();
    assertThat(settled(this::rowIds, r -> r.size() >= 4)).as("expanded").hasSize(4);
  }

  @Test
  @Order(5)
  void addEntity_withParentAndCardinality_inTheHierarchyWithAScopedBudget() {
    browser.find(".page-head button.primary").click();
    browser.find(".drawer input[name=id]").sendKeys("team-ml");
    new Select(browser.find(".drawer select[name=typeRefId]")).selectByValue("team");
    new Select(browser.find(".drawer select[name=parentId]")).selectByValue("org-acme");
    new Select(browser.find(".drawer select[name=capabilityId]")).selectByValue("ai-tokens");
    browser.find(".drawer input[name=usageLimit]").sendKeys("300");
    browser.find(".drawer label[data-entity-id=model-gpt4o] input").click();
    browser.screenshot("07-add-entity");
    browser.find(".drawer button[type=submit]").click();

    browser.until(d -> d.findElements(By.cssSelector(".drawer")).isEmpty());
    browser.find("tr[data-entity-id=team-ml]");
    assertThat(browser.text("tr[data-entity-id=team-ml] .budget[data-scope=model-gpt4o] .usage")).isEqualTo("0 / 300");
    assertThat(settled(this::rowIds, r -> r.size() >= 5)).containsExactly("model-gpt4o", "org-acme", "team-eng", "user-alice", "team-ml");
    JsonNode entity = api.get("/owners/cus-acme/entities/team-ml").body();
    assertThat(entity.get("parentId").asText()).isEqualTo("org-acme");
  }

  @Test
  @Order(6)
  void inlineEdit_newLimitConfirmedWithTheCheckmark_savedAndShown() {
    browser.find("tr[data-entity-id=team-eng] " + NODE_WIDE + " button.value").click();
    WebElement input = browser.find("tr[data-entity-id=team-eng] .inline-edit input[name=usageLimit]");
    input.clear();
    input.sendKeys("800");
    browser.screenshot("08-inline-edit");
    browser.find("tr[data-entity-id=team-eng] .inline-edit button[type=submit]").click();

    browser.until(d -> "100 / 800".equals(textOrNull("tr[data-entity-id=team-eng] " + NODE_WIDE + " .usage")));
    assertThat(nodeWideLimit("team-eng")).isEqualTo(800);
  }

  @Test
  @Order(7)
  void inlineEdit_badLimit_errorInTheCellAndNothingChanged() {
    browser.find("tr[data-entity-id=team-eng] " + NODE_WIDE + " button.value").click();
    WebElement input = browser.find("tr[data-entity-id=team-eng] .inline-edit input[name=usageLimit]");
    input.clear();
    input.sendKeys("-5", Keys.ENTER);

    String error = browser.text("tr[data-entity-id=team-eng] .inline-error");
    assertThat(error).contains("usageLimit");
    browser.screenshot("09-inline-edit-error");
    input.clear();
    input.sendKeys("lots", Keys.ENTER);
    browser.until(d -> textOrNull("tr[data-entity-id=team-eng] .inline-error").contains("whole number"));
    input.sendKeys(Keys.ESCAPE);

    assertThat(browser.text("tr[data-entity-id=team-eng] " + NODE_WIDE + " .usage")).isEqualTo("100 / 800");
    assertThat(nodeWideLimit("team-eng")).isEqualTo(800);
  }

  @Test
  @Order(8)
  void orderBy_utilizationThenUsage_entitiesRankedAsShown() {
    consume("{\"userId\": \"user-alice\", \"modelId\": \"model-gpt4o\"}", 40);
    // team-eng: 40/50 = 80% scoped; org-acme 140/1,000 = 14%; team-ml 0/300; no budget: model, alice.
    browser.until(d -> "80%".equals(textOrNull("tr[data-entity-id=team-eng] .budget[data-scope=model-gpt4o] .pct")));
    browser.find("button.order").click();
    browser.find(".order-panel input[value=utilization]").click();

    List<String> byUtilization = List.of("team-eng", "org-acme", "team-ml", "model-gpt4o", "user-alice");
    assertThat(settled(this::rowIds, byUtilization::equals)).containsExactlyElementsOf(byUtilization);
    browser.screenshot("10-order-by-utilization");

    browser.find(".order-panel input[value=usage]").click();
    List<String> byUsage = List.of("org-acme", "team-eng", "team-ml", "model-gpt4o", "user-alice");
    assertThat(settled(this::rowIds, byUsage::equals)).as("usage: 140 each for org and team, ties by id")
        .containsExactlyElementsOf(byUsage);
    new Select(browser.find("select[name=type]")).selectByValue("team");
    assertThat(settled(this::rowIds, r -> r.size() <= 2)).containsExactly("team-eng", "team-ml");
    new Select(browser.find("select[name=type]")).selectByValue("");
    browser.find(".order-panel input[value=hierarchy]").click();
  }

  @Test
  @Order(9)
  void live_consumeThroughTheApi_cellChangesWithoutReload() {
    browser.driver.executeScript("window.governorTestMarker = 'same page'");
    String selector = "tr[data-entity-id=org-acme] " + NODE_WIDE + " .usage";
    assertThat(browser.text(selector)).isEqualTo("140 / 1,000");

    Trees.ok(api.put("/owners/cus-acme/assignments",
        "{\"assignments\": [{\"entityId\": \"org-acme\", \"capabilityId\": \"ai-tokens\", \"softLimit\": 142}]}"));
    consume("{\"userId\": \"user-alice\"}", 5);

    browser.until(d -> "145 / 1,000".equals(textOrNull(selector)));
    browser.until(d -> textOrNull("tr[data-entity-id=org-acme] " + NODE_WIDE + " .soft").equals("Over soft limit (142)"));
    assertThat(browser.driver.executeScript("return window.governorTestMarker")).isEqualTo("same page");
  }

  @Test
  @Order(10)
  void reservation_heldThroughTheApi_reservedShownOnItsBudgetsUntilReleased() {
    String org = "tr[data-entity-id=org-acme] " + NODE_WIDE;
    assertThat(textOrNull(org + " .reserved")).as("nothing held: no reserved line").isEmpty();

    ServerFixture.Reply reserved = api.post("/owners/cus-acme/reservations",
        "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 250, \"ttl\": \"PT5M\"}");
    assertThat(reserved.status()).as("reserve %s", reserved.body()).isEqualTo(201);

    browser.until(d -> "Reserved 250".equals(textOrNull(org + " .reserved")));
    assertThat(browser.text("tr[data-entity-id=team-eng] " + NODE_WIDE + " .reserved")).isEqualTo("Reserved 250");
    assertThat(textOrNull("tr[data-entity-id=team-eng] .budget[data-scope=model-gpt4o] .reserved")).as("not held by the hold").isEmpty();
    assertThat(browser.text(org + " .usage")).as("usage itself unchanged").isEqualTo("145 / 1,000");
    // The hatched segment starts where usage ends (145 of 1,000) and spans the 250 held.
    assertThat(browser.find(org + " .meter .held").getAttribute("style")).contains("left: 14.5%").contains("width: 25%");
    browser.screenshot("12-reserved");

    String id = reserved.body().get("reservation").get("id").asText();
    Trees.ok(api.post("/owners/cus-acme/reservations/" + id + "/release", "{}"));
    browser.until(d -> textOrNull(org + " .reserved").isEmpty());
    assertThat(browser.driver.findElements(By.cssSelector(".budget.has-reserved"))).as("no budget holds anything").isEmpty();
  }

  @Test
  @Order(11)
  void narrowWindow_pageFitsAndTableScrollsInItsBox() {
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 800));
    browser.find("tr[data-entity-id=org-acme]");
    browser.screenshot("11-governance-narrow");

    Object overflow = browser.driver.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue()).as("horizontal overflow of the page in px").isLessThanOrEqualTo(0);
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
  }

  @Test
  @Order(12)
  void limitedToken_seesOnlyItsCustomers() {
    browser.find("#sign-out").click();
    browser.find("input[name=token]").sendKeys(ServerFixture.ACME_ONLY, Keys.ENTER);

    browser.until(d -> texts("tr[data-owner-id] a").equals(List.of("cus-acme")));
    browser.driver.get(api.server.uri() + "/console/#/customers/cus-beta");
    assertThat(browser.text(".list-body .state.error")).contains("cus-beta");
  }

  private void consume(String dimensions, long amount) {
    ServerFixture.Reply r = api.post("/owners/cus-acme/consume",
        "{\"dimensions\": " + dimensions + ", \"capabilityId\": \"ai-tokens\", \"amount\": " + amount + "}");
    assertThat(r.body().get("status").asText()).as("consume %s", r.body()).isEqualTo("GRANTED");
  }

  private long nodeWideLimit(String entityId) {
    for (JsonNode a : api.get("/owners/cus-acme/assignments?entityId=" + entityId).body().get("data")) {
      if (a.get("scopeEntityIds").isEmpty()) {
        return a.get("usageLimit").asLong();
      }
    }
    throw new AssertionError("no node-wide budget on " + entityId);
  }

  /**
   * What {@code read} gives once {@code done} holds, or after the wait runs out: the console renders
   * after its fetches return, so a page read right after a click may still be the one before. The
   * caller asserts on the value, which names what was on the page if it never settled.
   */
  private <T> T settled(Supplier<T> read, Predicate<T> done) {
    try {
      browser.until(d -> done.test(read.get()));
    } catch (TimeoutException e) {
      // The assertion that follows reports what the page showed.
    }
    return read.get();
  }

  private List<String> texts(String css) {
    return browser.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
  }

  private List<String> rowIds() {
    return browser.driver.findElements(By.cssSelector("table.hierarchy tbody tr")).stream()
        .map(e -> e.getAttribute("data-entity-id")).toList();
  }

  private String textOrNull(String css) {
    List<WebElement> found = browser.driver.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  /** Saves the failing screen, whatever the test was doing. */
  static final class ScreenshotOnFailure implements AfterTestExecutionCallback {
    @Override
    public void afterTestExecution(ExtensionContext context) {
      if (context.getExecutionException().isPresent()) {
        ConsoleBrowserTest test = (ConsoleBrowserTest) context.getRequiredTestInstance();
        if (test.browser != null) {
          test.browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
        }
      }
    }
  }
}
