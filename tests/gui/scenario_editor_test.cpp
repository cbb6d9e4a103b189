// The parameter panel: generated from the parameter table (units, defaults, docs, catalog pickers), an invalid
// value disables Run with the field's own message (the one `clustersim validate` prints), undo/redo restores
// the document, and Save as writes a scenario the CLI loads with the edit in it.
#include <QComboBox>
#include <QCoreApplication>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QUndoStack>

#include <catch2/catch.hpp>
#include <memory>

#include "gui/param_tree.hpp"
#include "gui/scenario_editor.hpp"
#include "gui_test_support.hpp"
#include "models/study/param_table.hpp"
#include "models/study/resolve.hpp"

namespace gui = clustersim::gui;
namespace study = clustersim::models::study;
using namespace gui_test;

TEST_CASE("the parameter tree shows values, units, defaults, docs and catalog pickers", "[gui][editor]") {
  gui::ScenarioEditor editor;
  REQUIRE(editor.load(enterprise_local).isEmpty());
  REQUIRE(editor.valid());

  QTreeWidgetItem* nodes = editor.item_of("architecture.nodes");
  REQUIRE(nodes);
  REQUIRE(nodes->text(gui::kValueColumn) == "128");
  REQUIRE(nodes->text(gui::kUnitColumn) == "integer");
  REQUIRE(nodes->toolTip(gui::kNameColumn).contains("GPU nodes running the job."));

  QTreeWidgetItem* hop = editor.item_of("architecture.fabric.hop_latency");  // absent: its default applies
  REQUIRE(hop);
  REQUIRE(hop->text(gui::kValueColumn).isEmpty());
  REQUIRE(hop->text(gui::kDefaultColumn) == "1 us");
  REQUIRE(hop->text(gui::kUnitColumn) ==
          QString::fromStdString(std::string(study::kind_name(study::ParamKind::duration))));

  // One row per checkpoint level, and the shorthand "node": "DGX-H100" shown as its catalog field.
  REQUIRE(editor.item_of("policies.checkpoint.levels[2].interval")->text(gui::kValueColumn) == "10 min");
  REQUIRE(editor.item_of("architecture.node.catalog")->text(gui::kValueColumn) == "DGX-H100");

  const auto choices = [&](const char* path) {
    return editor.item_of(path)->data(gui::kValueColumn, gui::kChoicesRole).toStringList();
  };
  REQUIRE(choices("architecture.node.catalog").contains("DGX-H100"));
  REQUIRE(choices("architecture.storage.catalog").contains("s3-standard"));
  REQUIRE(choices("architecture.fabric.switch").contains("QM9700"));
  REQUIRE(choices("failures.preset").contains("llama3-table5"));
  REQUIRE(choices("failures.preset").contains("none"));
  REQUIRE(choices("architecture.fabric.kind").contains("dragonfly"));
  REQUIRE(choices("architecture.nodes").isEmpty());
}

TEST_CASE("an invalid value disables Run with the field's message; undo and redo", "[gui][editor]") {
  gui::MainWindow window({enterprise_local});
  gui::ScenarioEditor* editor = window.editor();
  REQUIRE(window.run_button()->isEnabled());

  REQUIRE(editor->set_value("architecture.storage.write_bandwidth", "fast").isEmpty());
  REQUIRE_FALSE(editor->valid());
  REQUIRE(editor->check().error_path == "architecture.storage.write_bandwidth");
  REQUIRE(editor->check().error.find("architecture.storage.write_bandwidth: expected") == 0);
  REQUIRE_FALSE(window.run_button()->isEnabled());
  REQUIRE(window.run_button()->toolTip().contains("architecture.storage.write_bandwidth: expected"));
  REQUIRE(window.status_text().contains("architecture.storage.write_bandwidth"));
  REQUIRE(editor->item_of("architecture.storage.write_bandwidth")->background(gui::kValueColumn).color() !=
          QColor(Qt::white));
  window.show();
  save_screenshot(&window, "editor_invalid_value");

  // The same message `clustersim validate --set` gives for the file.
  const auto catalog = study::load_catalog_source();
  try {
    study::load_resolved_scenario(enterprise_local.toStdString(), *catalog, {},
                                  {{"architecture.storage.write_bandwidth", "fast"}});
    FAIL("the CLI's loader accepted the bad value");
  } catch (const study::ScenarioError& error) {
    REQUIRE(std::string(error.what()).find(editor->check().error) != std::string::npos);
  }

  editor->undo_stack()->undo();
  REQUIRE(editor->valid());
  REQUIRE(window.run_button()->isEnabled());
  editor->undo_stack()->redo();
  REQUIRE_FALSE(window.run_button()->isEnabled());
  editor->undo_stack()->undo();

  // A cross-field rule of the resolver (tp x pp x dp = nodes x GPUs) names its field too.
  REQUIRE(editor->set_value("architecture.nodes", "100").isEmpty());
  REQUIRE_FALSE(editor->valid());
  REQUIRE_FALSE(editor->check().error_path.empty());
  REQUIRE_FALSE(window.run_button()->isEnabled());
  editor->undo_stack()->undo();
  REQUIRE(editor->valid());

  // Not a parameter: refused, the document unchanged.
  REQUIRE(editor->set_value("architecture.colour", "blue").contains("not a scenario parameter"));
  REQUIRE(editor->valid());
}

TEST_CASE("editing in the tree: the value column only, pickers for catalog names, the edit undoable", "[gui][editor]") {
  gui::ScenarioEditor editor;
  REQUIRE(editor.load(enterprise_local).isEmpty());
  QTreeWidget* tree = editor.tree();
  QAbstractItemDelegate* delegate = tree->itemDelegate();
  QStyleOptionViewItem option;
  const QModelIndex node_name = tree->indexFromItem(editor.item_of("architecture.node.catalog"), gui::kNameColumn);
  const QModelIndex node_value = tree->indexFromItem(editor.item_of("architecture.node.catalog"), gui::kValueColumn);
  REQUIRE(delegate->createEditor(tree->viewport(), option, node_name) == nullptr);
  std::unique_ptr<QWidget> picker(delegate->createEditor(tree->viewport(), option, node_value));
  auto* combo = qobject_cast<QComboBox*>(picker.get());
  REQUIRE(combo);
  REQUIRE(combo->findText("DGX-H100") > 0);
  REQUIRE(combo->itemText(0).isEmpty());  // back to the default

  // An edit typed into the tree reaches the document (after the editor closes) and undoes.
  editor.item_of("architecture.spare_nodes")->setText(gui::kValueColumn, "12");
  QCoreApplication::processEvents();
  REQUIRE(editor.document()["architecture"]["spare_nodes"] == 12);
  REQUIRE(editor.item_of("architecture.spare_nodes")->text(gui::kValueColumn) == "12");
  REQUIRE(editor.undo_stack()->count() == 1);
  editor.undo_stack()->undo();
  REQUIRE(editor.document()["architecture"]["spare_nodes"] == 4);
}

TEST_CASE("Save as writes the edited scenario; the CLI's loader reads the edit back", "[gui][editor]") {
  gui::ScenarioEditor editor;
  REQUIRE(editor.load(enterprise_local).isEmpty());
  REQUIRE(editor.set_value("failures.scale", "2.5").isEmpty());
  REQUIRE(editor.set_value("policies.checkpoint.levels[0].interval", "3 min").isEmpty());
  REQUIRE(editor.set_value("architecture.spare_nodes", "").isEmpty());  // removed: the default (0) applies
  REQUIRE(editor.valid());
  QTemporaryDir dir;
  const QString path = dir.filePath("edited.json");
  REQUIRE(editor.save_as(path).isEmpty());
  const auto catalog = study::load_catalog_source();
  const study::ResolvedScenario saved = study::load_resolved_scenario(path.toStdString(), *catalog);
  REQUIRE(saved.scenario["failures"]["scale"] == 2.5);
  REQUIRE(saved.scenario["policies"]["checkpoint"]["levels"][0]["interval"] == 180.0);
  REQUIRE(saved.campaign.failures.spare_nodes == 0);
  REQUIRE(editor.save_as("/no/such/dir/edited.json").contains("/no/such/dir"));
}
