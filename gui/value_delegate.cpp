#include "gui/value_delegate.hpp"

#include <QComboBox>

#include "gui/param_tree.hpp"

namespace clustersim::gui {

QWidget* ValueDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                     const QModelIndex& index) const {
  if (index.column() != kValueColumn) return nullptr;
  const QStringList choices = index.data(kChoicesRole).toStringList();
  if (choices.isEmpty()) return QStyledItemDelegate::createEditor(parent, option, index);
  auto* picker = new QComboBox(parent);
  picker->addItem("");
  picker->addItems(choices);
  return picker;
}

void ValueDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
  if (auto* picker = qobject_cast<QComboBox*>(editor)) {
    picker->setCurrentText(index.data(Qt::DisplayRole).toString());
    return;
  }
  QStyledItemDelegate::setEditorData(editor, index);
}

void ValueDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const {
  if (auto* picker = qobject_cast<QComboBox*>(editor)) {
    model->setData(index, picker->currentText(), Qt::DisplayRole);
    return;
  }
  QStyledItemDelegate::setModelData(editor, model, index);
}

}  // namespace clustersim::gui
