// The parameter tree of the scenario editor, generated from the parameter table
// (models/study/param_table.hpp) and a scenario document: one row per declared parameter of every object,
// with columns parameter, value (as written in the document; empty: the default applies), unit kind and
// default. Arrays of objects show one row per element ("levels[1]"). Each row carries its concrete JSON path
// (kPathRole) and, for enumerations, booleans and catalog references, the values a picker offers
// (kChoicesRole). A catalog reference written as a plain name ("node": "DGX-H100") is rewritten in the
// document to its object form ({"catalog": "DGX-H100"}, the same scenario) so its fields can be set.
#pragma once

#include <QString>
#include <Qt>

#include <nlohmann/json.hpp>

#include <string>

#include "models/study/catalog_source.hpp"

class QTreeWidget;

namespace clustersim::gui {

inline constexpr int kPathRole = Qt::UserRole;
inline constexpr int kChoicesRole = Qt::UserRole + 1;

enum ParamColumn { kNameColumn = 0, kValueColumn, kUnitColumn, kDefaultColumn, kParamColumns };

// Clears `tree` and fills it from `document` (see above).
void fill_param_tree(QTreeWidget* tree, nlohmann::json& document, const models::study::CatalogSource& catalog);

// A concrete parameter path as a JSON pointer: "a.b[2].c" -> "/a/b/2/c".
nlohmann::json::json_pointer json_pointer_of(const std::string& path);

}  // namespace clustersim::gui
