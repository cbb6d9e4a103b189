#include "gui/scenario_editor.hpp"

#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

#include <exception>

#include "app/atomic_write.hpp"
#include "gui/param_tree.hpp"
#include "gui/program_catalog.hpp"
#include "gui/value_delegate.hpp"
#include "models/study/scenario_values.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

// One edit of the document, undone and redone as whole documents (a scenario is a few kilobytes).
class DocumentEdit : public QUndoCommand {
 public:
  DocumentEdit(ScenarioEditor* editor, nlohmann::json before, nlohmann::json after, const QString& text)
      : QUndoCommand(text), editor_(editor), before_(std::move(before)), after_(std::move(after)) {}
  void undo() override { editor_->replace_document(before_); }
  void redo() override { editor_->replace_document(after_); }

 private:
  ScenarioEditor* editor_;
  nlohmann::json before_;
  nlohmann::json after_;
};

const QColor kErrorBackground("#ffd6d6");

}  // namespace

ScenarioEditor::ScenarioEditor(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  tree_ = new QTreeWidget;
  tree_->setColumnCount(kParamColumns);
  tree_->setHeaderLabels({"parameter", "value", "unit", "default"});
  tree_->header()->setSectionResizeMode(QHeaderView::Interactive);
  tree_->setColumnWidth(kNameColumn, 190);
  tree_->setColumnWidth(kValueColumn, 150);
  tree_->setItemDelegate(new ValueDelegate(tree_));
  tree_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  layout->addWidget(tree_, 1);
  message_ = new QLabel("Open a scenario file.");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(message_);
  undo_stack_ = new QUndoStack(this);
  connect(tree_, &QTreeWidget::itemChanged, this, &ScenarioEditor::on_item_changed);
}

QString ScenarioEditor::load(const QString& path) {
  try {
    open_document(study::read_json_file(path.toStdString()), std::filesystem::path(path.toStdString()).parent_path(),
                  path);
    return {};
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
}

void ScenarioEditor::open_document(const nlohmann::json& document, const std::filesystem::path& scenario_dir,
                                   const QString& label) {
  file_path_ = label;
  scenario_dir_ = scenario_dir;
  undo_stack_->clear();
  replace_document(document);
}

QString ScenarioEditor::save_as(const QString& path) {
  try {
    app::write_file_atomically(path.toStdString(), document_.dump(2) + "\n");
    file_path_ = path;
    undo_stack_->setClean();
    return {};
  } catch (const std::exception& error) {
    return QString::fromStdString(error.what());
  }
}

QString ScenarioEditor::set_value(const QString& path, const QString& text) {
  try {
    nlohmann::json after = document_;
    const std::string concrete = path.toStdString();
    if (text.trimmed().isEmpty()) {
      const auto pointer = json_pointer_of(concrete);
      if (after.contains(pointer)) after[pointer.parent_pointer()].erase(pointer.back());
    } else {
      study::apply_overrides(after, {study::parse_override(concrete + "=" + text.trimmed().toStdString())});
    }
    if (after == document_) return {};
    undo_stack_->push(new DocumentEdit(this, document_, std::move(after), QString("Set %1 = %2").arg(path, text)));
    return {};
  } catch (const std::exception& error) {
    const QString message = QString::fromStdString(error.what());
    rebuild_tree();  // back to the document's value
    message_->setText("<span style='color:#b00020'>" + message.toHtmlEscaped() + "</span>");
    return message;
  }
}

void ScenarioEditor::replace_document(const nlohmann::json& document) {
  document_ = document;
  rebuild_tree();
  check_ = study::check_document(document_, program_catalog(), {}, {}, scenario_dir_);
  show_check();
  emit document_changed();
}

QTreeWidgetItem* ScenarioEditor::item_of(const QString& path) const {
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if ((*it)->data(kNameColumn, kPathRole).toString() == path) return *it;
  }
  return nullptr;
}

void ScenarioEditor::rebuild_tree() {
  rebuilding_ = true;
  fill_param_tree(tree_, document_, program_catalog());
  tree_->expandToDepth(0);
  rebuilding_ = false;
}

void ScenarioEditor::show_check() {
  if (valid()) {
    const study::ResolvedScenario& s = *check_.scenario;
    message_->setText(QString("<span style='color:#1b5e20'>Valid: %1 (%2 nodes x %3 GPUs)</span>")
                          .arg(QString::fromStdString(s.name).toHtmlEscaped())
                          .arg(s.campaign.nodes)
                          .arg(s.campaign.node.gpus));
    return;
  }
  message_->setText("<span style='color:#b00020'>" + QString::fromStdString(check_.error).toHtmlEscaped() + "</span>");
  // Mark the field, or the nearest enclosing row the tree has.
  QString path = QString::fromStdString(check_.error_path);
  QTreeWidgetItem* item = nullptr;
  while (!path.isEmpty() && !(item = item_of(path))) path.truncate(std::max<qsizetype>(0, path.lastIndexOf('.')));
  if (!item) return;
  for (int column = 0; column < kParamColumns; ++column) {
    item->setBackground(column, kErrorBackground);
    item->setToolTip(column, QString::fromStdString(check_.error).toHtmlEscaped());
  }
  for (QTreeWidgetItem* parent = item->parent(); parent; parent = parent->parent()) parent->setExpanded(true);
  tree_->scrollToItem(item);
}

void ScenarioEditor::on_item_changed(QTreeWidgetItem* item, int column) {
  if (rebuilding_ || column != kValueColumn) return;
  const QString path = item->data(kNameColumn, kPathRole).toString();
  const QString text = item->text(kValueColumn);
  // Applied after the editor has closed: the edit rebuilds the tree, which deletes this item.
  QMetaObject::invokeMethod(
      this, [this, path, text] { set_value(path, text); }, Qt::QueuedConnection);
}

}  // namespace clustersim::gui
