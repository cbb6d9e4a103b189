// ScenarioEditor: the parameter panel. The loaded scenario document as a tree generated from the parameter
// table (models/study/param_table.hpp): one row per declared parameter of every object present (absent
// sections show their defaults), with its value, unit kind and default, and its doc and expected form as the
// tooltip. Values are edited in place: enumerations and catalog references (node, storage system, switch,
// failure preset; names from the catalog) with a picker, the rest as text read like a `--set` value (JSON when
// it parses, else the text: "400 GB/s", "10 min"); an empty value removes the key (its default applies).
// Every edit is an undoable command (QUndoStack) and is checked at once like `clustersim validate`
// (models/study/document_check.hpp): the message, with its JSON path, shows under the tree and the field turns red.
#pragma once

#include <QString>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "models/study/document_check.hpp"

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;
class QUndoStack;

namespace clustersim::gui {

class ScenarioEditor : public QWidget {
  Q_OBJECT

 public:
  explicit ScenarioEditor(QWidget* parent = nullptr);

  // Reads a scenario file; on failure keeps the current document and returns the error (naming the file).
  QString load(const QString& path);
  // Puts a document in the editor as if loaded from a file called `label` (a sweep point: "sweep.json point 3").
  void open_document(const nlohmann::json& document, const std::filesystem::path& scenario_dir, const QString& label);
  // Writes the edited document atomically (app/atomic_write.hpp); returns "" or the error.
  QString save_as(const QString& path);
  // Sets one parameter (concrete path, "policies.checkpoint.levels[1].interval") from its text, as an undoable
  // edit; returns "" or the error (a path that is not a parameter, a value that is not JSON where JSON is needed).
  QString set_value(const QString& path, const QString& text);

  bool loaded() const { return !document_.is_null(); }
  const nlohmann::json& document() const { return document_; }
  std::filesystem::path scenario_dir() const { return scenario_dir_; }
  QString file_path() const { return file_path_; }
  const models::study::DocumentCheck& check() const { return check_; }
  bool valid() const { return check_.scenario.has_value(); }

  QTreeWidget* tree() const { return tree_; }
  QUndoStack* undo_stack() const { return undo_stack_; }
  // The tree row of a concrete parameter path, or nullptr.
  QTreeWidgetItem* item_of(const QString& path) const;

  // Used by the undo commands: replaces the document, rebuilds the tree and checks it again.
  void replace_document(const nlohmann::json& document);

 signals:
  // After every change of the document or of its check.
  void document_changed();

 private:
  void rebuild_tree();
  void show_check();
  void on_item_changed(QTreeWidgetItem* item, int column);

  nlohmann::json document_;
  std::filesystem::path scenario_dir_;
  QString file_path_;
  models::study::DocumentCheck check_;
  QTreeWidget* tree_ = nullptr;
  QLabel* message_ = nullptr;
  QUndoStack* undo_stack_ = nullptr;
  bool rebuilding_ = false;
};

}  // namespace clustersim::gui
