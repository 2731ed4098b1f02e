#include "widgets/panels/clients_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "widgets/models/client_list_model.h"
#include "widgets/models/plural.h"
#include "widgets/style/theme.h"

namespace runnel::widgets {

ClientsPanel::ClientsPanel(ClientListModel* clients, const QString& bootstrapServers,
                           QWidget* parent)
    : QWidget(parent), clients_(clients), bootstrap_(bootstrapServers) {
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(clients_);
  proxy_->setSortRole(ClientListModel::SortRole);

  view_ = new QTableView(this);
  view_->setObjectName("clientsView");
  view_->setModel(proxy_);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setShowGrid(false);
  view_->setAlternatingRowColors(true);
  view_->setWordWrap(false);
  view_->setFrameShape(QFrame::NoFrame);
  view_->setSortingEnabled(true);
  view_->sortByColumn(ClientListModel::ClientColumn, Qt::AscendingOrder);
  auto* h = view_->horizontalHeader();
  const QFontMetrics fm = fontMetrics();
  h->resizeSection(ClientListModel::SoftwareColumn,
                   fm.horizontalAdvance("confluent-kafka-python 2.0.2") + 24);
  h->resizeSection(ClientListModel::AddressColumn, fm.horizontalAdvance("127.0.0.1:65535") + 20);
  h->resizeSection(ClientListModel::BrokerColumn, fm.horizontalAdvance("broker 16") + 20);
  h->resizeSection(ClientListModel::ConnectedColumn, fm.horizontalAdvance("10 h 59 min") + 20);
  h->resizeSection(ClientListModel::RequestsColumn, fm.horizontalAdvance("1,000,000") + 20);
  h->resizeSection(ClientListModel::RequestRateColumn, fm.horizontalAdvance("Requests/s") + 20);
  h->resizeSection(ClientListModel::BytesInRateColumn, fm.horizontalAdvance("999.9 KiB/s") + 20);
  h->resizeSection(ClientListModel::BytesOutRateColumn, fm.horizontalAdvance("999.9 KiB/s") + 20);
  h->setSectionResizeMode(ClientListModel::ClientColumn, QHeaderView::Stretch);

  summary_ = new QLabel(this);
  summary_->setObjectName("clientsSummary");

  empty_ = new QLabel(this);
  empty_->setObjectName("clientsEmpty");
  empty_->setWordWrap(true);
  empty_->setAlignment(Qt::AlignCenter);
  empty_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  const QString muted = Theme::instance().colors().muted.name();
  const QString firstBroker = bootstrap_.section(QLatin1Char(','), 0, 0);
  empty_->setText(tr("<p style='font-size:large'>No Kafka clients are connected.</p>"
                     "<p style='color:%1'>Any Kafka client can use this cluster: point it at "
                     "<b>%2</b>.<br>Try <code>kcat -L -b %3</code> or <code>kcat -C -b %3 -t "
                     "authorization_attempts</code><br>and watch it appear here.</p>")
                      .arg(muted, bootstrap_.toHtmlEscaped(), firstBroker.toHtmlEscaped()));

  stack_ = new QStackedWidget(this);
  stack_->addWidget(empty_);
  stack_->addWidget(view_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(summary_);
  layout->addWidget(stack_, 1);

  connect(clients_, &ClientListModel::updated, this, &ClientsPanel::refresh);
  refresh();
}

QString ClientsPanel::summaryText() const {
  const int connections = clients_->rowCount();
  if (connections == 0) return tr("Listening on %1").arg(bootstrap_);
  return tr("%1 over %2 · listening on %3")
      .arg(counted(clients_->applicationCount(), tr("client"), tr("clients")),
           counted(connections, tr("connection"), tr("connections")), bootstrap_);
}

void ClientsPanel::refresh() {
  summary_->setText(summaryText());
  stack_->setCurrentWidget(clients_->rowCount() == 0 ? static_cast<QWidget*>(empty_) : view_);
}

}  // namespace runnel::widgets
