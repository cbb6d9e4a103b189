// ValueDelegate: edits only the value column of the parameter tree (param_tree.hpp), with a picker when the
// row offers choices (kChoicesRole: enumerations, booleans, catalog names; its empty first entry removes
// the value so the default applies) and a line edit otherwise.
#pragma once

#include <QStyledItemDelegate>

namespace clustersim::gui {

class ValueDelegate : public QStyledItemDelegate {
  Q_OBJECT

 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
  void setEditorData(QWidget* editor, const QModelIndex& index) const override;
  void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

}  // namespace clustersim::gui
