#include "gui/param_tree.hpp"

#include <QBrush>
#include <QStringList>
#include <QTreeWidget>

#include <string_view>

#include "models/study/param_table.hpp"

namespace clustersim::gui {

namespace study = models::study;

namespace {

// The catalog kind (CatalogSource::names()) a catalog-reference parameter picks from.
constexpr std::pair<std::string_view, std::string_view> kCatalogReferences[] = {
    {"architecture.node.catalog", "nodes"},
    {"architecture.storage.catalog", "storage"},
    {"architecture.fabric.switch", "switches"},
    {"failures.preset", "failure presets"},
};

std::string_view parent_of(std::string_view pattern) {
  const std::size_t dot = pattern.rfind('.');
  return dot == std::string_view::npos ? std::string_view{} : pattern.substr(0, dot);
}

std::string_view last_of(std::string_view pattern) {
  const std::size_t dot = pattern.rfind('.');
  return dot == std::string_view::npos ? pattern : pattern.substr(dot + 1);
}

QString text_of(std::string_view text) {
  return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString value_text(const nlohmann::json& value) {
  return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
}

QStringList choices_of(const study::ParamSpec& spec, const study::CatalogSource& catalog) {
  QStringList choices;
  if (spec.kind == study::ParamKind::enumeration) {
    for (std::string_view choice : study::enum_choices(spec)) choices << text_of(choice);
  } else if (spec.kind == study::ParamKind::boolean) {
    choices << "true"
            << "false";
  }
  for (const auto& [path, kind] : kCatalogReferences) {
    if (path != spec.path) continue;
    for (const auto& [names_kind, names] : catalog.names()) {
      if (names_kind != kind) continue;
      for (const std::string& name : names) choices << QString::fromStdString(name);
    }
    if (kind == "failure presets") choices << "none";
  }
  return choices;
}

QString default_text(const study::ParamSpec& spec) {
  switch (spec.presence) {
    case study::Presence::required:
      return "(required)";
    case study::Presence::optional:
      return "(catalog / not set)";
    case study::Presence::defaulted:
      return text_of(spec.default_value);
  }
  return {};
}

QString tooltip_of(const study::ParamSpec& spec, const std::string& concrete) {
  return QString("<b>%1</b><br>%2<br><i>Expected:</i> %3")
      .arg(QString::fromStdString(concrete).toHtmlEscaped(), text_of(spec.doc).toHtmlEscaped(),
           QString::fromStdString(study::expectation(spec)).toHtmlEscaped());
}

QTreeWidgetItem* new_row(QTreeWidget* tree, QTreeWidgetItem* parent, const QString& name) {
  return parent ? new QTreeWidgetItem(parent, {name}) : new QTreeWidgetItem(tree, {name});
}

void fill(QTreeWidget* tree, QTreeWidgetItem* parent, nlohmann::json& object, const std::string& concrete_prefix,
          std::string_view pattern_prefix, const study::CatalogSource& catalog) {
  nlohmann::json absent;  // stands for a missing object or array: nothing is present in it, nothing is written
  for (const study::ParamSpec& spec : study::scenario_params()) {
    if (parent_of(spec.path) != pattern_prefix) continue;
    const std::string name(last_of(spec.path));
    const std::string concrete = concrete_prefix.empty() ? name : concrete_prefix + "." + name;
    const bool present = object.is_object() && object.contains(name);
    QTreeWidgetItem* row = new_row(tree, parent, QString::fromStdString(name));
    row->setData(kNameColumn, kPathRole, QString::fromStdString(concrete));
    row->setText(kUnitColumn, text_of(study::kind_name(spec.kind)));
    row->setText(kDefaultColumn, default_text(spec));
    row->setToolTip(kNameColumn, tooltip_of(spec, concrete));
    row->setToolTip(kValueColumn, tooltip_of(spec, concrete));
    if (!present) row->setForeground(kNameColumn, QBrush(Qt::gray));
    switch (spec.kind) {
      case study::ParamKind::catalog_section:
        if (present && object[name].is_string()) object[name] = {{"catalog", object[name]}};
        [[fallthrough]];
      case study::ParamKind::section:
        fill(tree, row, present ? object[name] : absent, concrete, spec.path, catalog);
        break;
      case study::ParamKind::array: {
        nlohmann::json& elements = present ? object[name] : absent;
        const std::size_t count = elements.is_array() ? elements.size() : 0;
        row->setText(kValueColumn, QString("%1 element(s)").arg(count));
        const std::string element_pattern = std::string(spec.path) + "[]";
        for (std::size_t i = 0; i < count; ++i) {
          const std::string element = concrete + "[" + std::to_string(i) + "]";
          QTreeWidgetItem* element_row = new_row(tree, row, QString("%1[%2]").arg(QString::fromStdString(name)).arg(i));
          element_row->setData(kNameColumn, kPathRole, QString::fromStdString(element));
          fill(tree, element_row, elements[i], element, element_pattern, catalog);
        }
        break;
      }
      default:
        row->setFlags(row->flags() | Qt::ItemIsEditable);
        if (present) row->setText(kValueColumn, value_text(object[name]));
        row->setData(kValueColumn, kChoicesRole, choices_of(spec, catalog));
        break;
    }
  }
}

}  // namespace

void fill_param_tree(QTreeWidget* tree, nlohmann::json& document, const study::CatalogSource& catalog) {
  tree->clear();
  fill(tree, nullptr, document, "", "", catalog);
}

nlohmann::json::json_pointer json_pointer_of(const std::string& path) {
  std::string pointer = "/";
  for (const char c : path) {
    if (c == '.' || c == '[') {
      pointer += '/';
    } else if (c != ']') {
      pointer += c;
    }
  }
  return nlohmann::json::json_pointer(pointer);
}

}  // namespace clustersim::gui
